// The git install of a release: `npm install <git-url>#<tag>` in a project of its own. npm clones
// the repository, installs its devDependencies there and runs its `prepare` (the compile), then
// installs what `npm pack` would ship. npm 11 lists a git dependency's `prepare` among the install
// scripts the project has not approved (`allowScripts` in its package.json); under
// `strict-allow-scripts` an unapproved one fails the install. So the check runs strict, with the
// approval README's Installing section tells users to write, and the clone's own install is strict
// too: package.json's `allowScripts` must settle every devDependency's install script.
//
// The repository is cloned as committed (HEAD), tagged in the clone, and installed from a file://
// URL; the project imports the package and lists tokens against a stub fetch that answers the
// spec's example, read from the installed package.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TAG = "v0.0.0-git-install-check";

const CHECK = `import { readFileSync } from "node:fs";
import { createAppliveryClient } from "applivery-mdm-openapi";

const spec = JSON.parse(readFileSync(new URL(import.meta.resolve("applivery-mdm-openapi/openapi.json")), "utf8"));
const path = "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens";
const { $ref } = Object.values(spec.paths[path].get.responses["200"].content["application/json"].examples)[0];
const example = spec.components.examples[$ref.split("/").pop()].value;
let asked;
const fetch = async (request) => {
  asked = request.url;
  return new Response(JSON.stringify(example), { headers: { "Content-Type": "application/json" } });
};
const applivery = createAppliveryClient({ token: "t", baseUrl: "https://api.example.test/v1", fetch });
const page = await applivery.listAppleEnrollmentTokens({ organizationId: "acme", query: { limit: 1 } });
if (JSON.stringify(page) !== JSON.stringify(example.data)) throw new Error("the page is not the example's data");
console.log(\`listAppleEnrollmentTokens: \${asked} answered \${page.totalDocs} token(s)\`);
`;

export interface GitInstall {
  ok: boolean;
  /** What went wrong, or the check's last line. */
  detail: string;
  output: string;
}

/** Installs the repository at `root` (its HEAD) from git in a temporary project and calls it. */
export function gitInstall(root: string): GitInstall {
  const dir = mkdtempSync(join(tmpdir(), "applivery-git-install-"));
  let output = "";
  const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => {
    const result = spawnSync(cmd, args, {
      cwd,
      encoding: "utf8",
      // In the environment, so that the install npm runs in its clone of the repository gets them too.
      env: {
        ...process.env,
        npm_config_update_notifier: "false",
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_prefer_offline: "true",
        ...env,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    output += `$ ${cmd} ${args.join(" ")}\n${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}\n`;
    return result.status === 0 ? (result.stdout ?? "") : undefined;
  };
  try {
    const repo = join(dir, "repo");
    const project = join(dir, "project");
    if (run("git", ["clone", "--quiet", root, repo], dir) === undefined) {
      return { ok: false, detail: "git clone failed", output };
    }
    run("git", ["tag", TAG], repo);
    const url = `git+file://${repo}`;
    mkdirSync(project);
    const manifest = { name: "git-install-check", private: true, type: "module", allowScripts: { [url]: true } };
    writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(project, "check.js"), CHECK);
    if (run("npm", ["install", `${url}#${TAG}`], project, { npm_config_strict_allow_scripts: "true" }) === undefined) {
      return { ok: false, detail: `npm install ${url}#${TAG} failed`, output };
    }
    const checked = run(process.execPath, ["check.js"], project);
    if (checked === undefined) return { ok: false, detail: "the installed package failed its call", output };
    return { ok: true, detail: checked.trim(), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
