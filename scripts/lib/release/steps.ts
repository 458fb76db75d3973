// The steps of release:check, in order. Each returns ok or not, a one-line detail, and the output to
// show when it fails. None publishes: `npm publish` only ever runs with --dry-run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pendingChangesets } from "../breaking/changesets.js";
import { checkBreaking } from "../breaking/check.js";
import { isBreaking } from "../breaking/diff.js";
import { hasTag } from "../breaking/git.js";
import { bundleSize, RUNTIME_BUDGET } from "../bundle-size.js";
import { deadReadmeLinks, expectedPackFiles, packedFiles } from "../package-files.js";
import { repoPath } from "../spec.js";
import { runTool } from "../tools.js";
import { changelogProblems } from "./changelog.js";
import { gitInstall } from "./git-install.js";
import { absentLinks, metadataProblems } from "./metadata.js";

export interface StepResult {
  ok: boolean;
  /** One line: what was checked, or what is wrong. */
  detail: string;
  /** The command's output or the full finding, shown when the step fails. */
  output?: string;
}

export interface Step {
  name: string;
  run: () => StepResult | Promise<StepResult>;
}

const ROOT = repoPath("");
const ENV = {
  ...process.env,
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};

function command(cmd: string, args: string[], env: NodeJS.ProcessEnv = ENV) {
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env, maxBuffer: 256 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`;
  return { ok: result.status === 0, stdout: result.stdout ?? "", output };
}

const npmScript = (script: string, detail: string): Step => ({
  name: script,
  run: () => {
    const result = command("npm", ["run", "-s", script]);
    return { ok: result.ok, detail: result.ok ? detail : `npm run ${script} failed`, output: result.output };
  },
});

const pkg = () => JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as Record<string, unknown>;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export const STEPS: Step[] = [
  npmScript("build", "bundle, lint, generate, compile, docs"),
  npmScript("check:generated", "generated/ matches a fresh build"),
  {
    name: "publint",
    run: () => {
      const result = runTool("publint", ["run", "--strict", "--level", "suggestion"]);
      const output = `${result.stdout}${result.stderr}`;
      const ok = result.status === 0 && output.includes("All good!");
      return { ok, detail: ok ? "no error, warning or suggestion" : "publint found something", output };
    },
  },
  {
    name: "attw",
    run: () => {
      // Packed into a directory of its own: `attw --pack .` writes the tarball into the repository and
      // deletes it afterwards, with any tarball of the same name the user had packed there.
      const dir = mkdtempSync(join(tmpdir(), "applivery-attw-"));
      try {
        const packed = command("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir]);
        if (!packed.ok) return { ok: false, detail: "npm pack failed", output: packed.output };
        const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
        // ./openapi.yaml is a data file (for require.resolve), not a module: nothing imports it.
        const args = [join(dir, filename), "--profile", "esm-only", "--exclude-entrypoints", "./openapi.yaml"];
        const result = runTool("attw", args);
        const ok = result.status === 0;
        return {
          ok,
          detail: ok ? "every entry point resolves with types (ESM)" : "problems",
          output: `${result.stdout}${result.stderr}`,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: "size budget",
    run: async () => {
      const size = await bundleSize(`export * from "./dist/src/index.js";`, ROOT);
      const ok = size.minified <= RUNTIME_BUDGET.minified && size.gzipped <= RUNTIME_BUDGET.gzipped;
      const detail = `${kB(size.minified)} minified / ${kB(size.gzipped)} gzipped (budget ${kB(RUNTIME_BUDGET.minified)} / ${kB(RUNTIME_BUDGET.gzipped)})`;
      return { ok, detail, output: JSON.stringify(size.parts, null, 2) };
    },
  },
  {
    name: "packed files",
    run: () => {
      const packed = packedFiles();
      const expected = expectedPackFiles();
      const unexpected = packed.filter((file) => !expected.includes(file));
      const missing = expected.filter((file) => !packed.includes(file));
      const dead = deadReadmeLinks(packed);
      const ok = unexpected.length === 0 && missing.length === 0 && dead.length === 0;
      const lines = [
        ...unexpected.map((file) => `unexpected: ${file}`),
        ...missing.map((file) => `missing: ${file}`),
        ...dead.map((link) => `README links to ${link}, which the package does not ship`),
      ];
      return {
        ok,
        detail: ok ? `${packed.length} files, as expected; every README link is shipped` : `${lines.length} problem(s)`,
        output: lines.join("\n"),
      };
    },
  },
  {
    name: "git install",
    run: () => {
      const result = gitInstall(ROOT);
      return { ...result, detail: result.ok ? `of HEAD, tagged: ${result.detail}` : result.detail };
    },
  },
  {
    name: "metadata",
    run: () => {
      const manifest = pkg();
      const problems = metadataProblems(manifest);
      const absent = absentLinks(manifest);
      const note = absent.length > 0 ? ` (no ${absent.join("/")}: no public repository yet)` : "";
      return {
        ok: problems.length === 0,
        detail:
          problems.length === 0 ? `${String(manifest.name)}@${String(manifest.version)}${note}` : problems.join("; "),
      };
    },
  },
  {
    name: "changelog",
    run: async () => {
      const { name, version } = pkg() as { name: string; version: string };
      const changelog = existsSync(repoPath("CHANGELOG.md")) ? readFileSync(repoPath("CHANGELOG.md"), "utf8") : "";
      const problems = changelogProblems(changelog, version, (tag) => hasTag(ROOT, tag));
      const pending = (await pendingChangesets(ROOT, name)).filter((changeset) => changeset.bump !== "none");
      const next = pending.length > 0 ? `; ${pending.length} pending changeset(s) for the next version` : "";
      return {
        ok: problems.length === 0,
        detail: problems.length === 0 ? `CHANGELOG.md documents ${version}${next}` : problems.join("; "),
      };
    },
  },
  {
    name: "check:breaking",
    run: async () => {
      const result = await checkBreaking(ROOT);
      const breaking = result.changes.filter(isBreaking).length;
      const counts = `${result.changes.length} change(s), ${breaking} breaking`;
      const allowed = breaking > 0 && result.ok ? ` (${result.verdict.reason})` : "";
      return {
        ok: result.ok,
        detail: `against ${result.base.ref} (${result.base.why}): ${counts}${allowed}`,
        output: result.lines.join("\n"),
      };
    },
  },
  {
    name: "npm publish --dry-run",
    run: () => {
      // --dry-run twice over (flag and environment): this step must never publish. npm contacts
      // the registry to refuse a version already published; it needs no login.
      const args = ["publish", "--dry-run", "--json", "--fetch-retries=1", "--fetch-timeout=60000"];
      const result = command("npm", args, { ...ENV, npm_config_dry_run: "true" });
      let detail = "npm publish --dry-run failed";
      if (result.ok) {
        try {
          const json = result.stdout.slice(result.stdout.indexOf("{"));
          const parsed = JSON.parse(json) as Record<string, { id?: string; entryCount?: number; size?: number }>;
          const tarball = parsed[String(pkg().name)] ?? Object.values(parsed)[0] ?? {};
          detail = `would publish ${tarball.id ?? "?"} (${tarball.entryCount ?? "?"} files, ${kB(tarball.size ?? 0)})`;
        } catch {
          detail = "would publish (no JSON summary)";
        }
      }
      return { ok: result.ok, detail, output: result.output };
    },
  },
];
