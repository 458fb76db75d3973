// package.json's `engines` says the truth. The package is ESM only; `require()` of an ES module works
// from Node 20.19.0 on the 20 line, 22.12.0 on the 22 line and 23.0.0 on. On the lowest release of
// each range it claims, and on the current LTS line (24), the installed package is imported and
// required, and a call runs through a stub fetch. The release just below the floor (20.18.3) cannot
// require it, which is why the floor is 20.19.0 and not 20.0.0. The Node binaries come from the npm
// registry's `node` package: npx finds each one once, then the probes run on it directly.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { repoPath } from "../../scripts/lib/spec.js";
import { run, workspace } from "../support/package.js";

const ENGINES = "^20.19.0 || ^22.12.0 || >=23";
const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { engines: { node: string } };
/** The lowest release of each range of {@link ENGINES}. */
const LOWEST = ENGINES.split("||").map((range) => {
  const [, major = "", minor = "0", patch = "0"] = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range) ?? [];
  return `${major}.${minor}.${patch}`;
});
/** The current LTS line, at its newest release when this was written. */
const LTS = "24.21.0";
const BELOW_FLOOR = "20.18.3";

// One call through a stub fetch, and the spec by its subpath: the same code for import and require.
const body = (load: string) => `${load}
const client = createAppliveryClient({
  token: "example-token",
  fetch: async () =>
    new Response(JSON.stringify({ status: true, data: { id: "69a0c1d2e3f4a5b6c7d8e9f0" } }), {
      headers: { "Content-Type": "application/json" },
    }),
});
client
  .createAppleEnrollmentToken({ organizationId: "acme-corp", body: { mdmUserId: "698f3bde457fafa13d088791", sendEmail: false } })
  .then((token) => console.log(JSON.stringify({ node: process.version, id: token.id, openapi: spec.openapi })));
`;
const IMPORT = body(`import { createAppliveryClient } from "applivery-mdm-openapi";
import { createRequire } from "node:module";
const spec = createRequire(import.meta.url)("applivery-mdm-openapi/openapi.json");`);
const REQUIRE = body(`const { createAppliveryClient } = require("applivery-mdm-openapi");
const spec = require("applivery-mdm-openapi/openapi.json");`);

/** The path of the `node` binary of a release, from npx (which downloads it the first time). */
function nodeBinary(version: string): Promise<string> {
  const args = ["--yes", "-p", `node@${version}`, "node", "-e", "console.log(process.execPath)"];
  const child = spawn("npx", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      const path = output.trim().split("\n").pop() ?? "";
      if (code === 0 && path.startsWith("/")) resolve(path);
      else reject(new Error(`npx -p node@${version} failed (${code}):\n${output}`));
    }),
  );
}

const install = inject("install");
let dir = "";
const binaries = new Map<string, string>();
const node = (version: string, file: string) => {
  const binary = binaries.get(version);
  if (!binary) throw new Error(`no binary of Node ${version}`);
  return run(binary, ["--no-warnings", file], dir);
};

beforeAll(async () => {
  dir = workspace(install, "engines");
  writeFileSync(join(dir, "probe.mjs"), IMPORT);
  writeFileSync(join(dir, "probe.cjs"), REQUIRE);
  const versions = [...LOWEST, LTS, BELOW_FLOOR];
  // Two at a time: npx is mostly waiting on the cache or the registry.
  for (let i = 0; i < versions.length; i += 2) {
    const pair = versions.slice(i, i + 2);
    const paths = await Promise.all(pair.map(nodeBinary));
    for (const [j, version] of pair.entries()) binaries.set(version, paths[j] ?? "");
  }
}, 600_000);

describe("engines", () => {
  it("package.json claims the ranges tested here", () => {
    expect(pkg.engines.node).toBe(ENGINES);
    expect(LOWEST).toEqual(["20.19.0", "22.12.0", "23.0.0"]);
  });

  it.each([...LOWEST, LTS])("on Node %s the package is imported and required, and a call runs", (version) => {
    for (const file of ["probe.mjs", "probe.cjs"]) {
      const result = node(version, file);
      expect(result.status, `${file}\n${result.output}`).toBe(0);
      expect(JSON.parse(result.stdout.trim().split("\n").pop() ?? "")).toEqual({
        node: `v${version}`,
        id: "69a0c1d2e3f4a5b6c7d8e9f0",
        openapi: "3.1.0",
      });
    }
  });

  it(`on Node ${BELOW_FLOOR}, below the floor, import works but require() does not`, () => {
    expect(node(BELOW_FLOOR, "probe.mjs").status).toBe(0);
    const required = node(BELOW_FLOOR, "probe.cjs");
    expect(required.status).not.toBe(0);
    expect(required.output).toContain("ERR_REQUIRE_ESM");
  });
});
