// What `npm pack` ships, and whether publint and attw find anything wrong with it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deadReadmeLinks, expectedPackFiles, relativeLinks } from "../../scripts/lib/package-files.js";
import { repoPath } from "../../scripts/lib/spec.js";
import { pack, run } from "../support/package.js";

const bin = (name: string) => repoPath(`node_modules/.bin/${name}`);
const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as {
  exports: Record<string, unknown>;
  [key: string]: unknown;
};

describe("package contents", () => {
  it("npm pack ships the compiled client and generated code, the bundled spec, the ledger, the changelog, README, the files it links to and LICENSE", () => {
    const expected = expectedPackFiles();
    expect(expected).toContain("dist/src/index.js");
    const files = pack(["--dry-run"]).files.map((f) => f.path);
    expect(files.sort()).toEqual(expected);
    // README's relative links work in the installed package (and in a CDN's file view).
    expect(relativeLinks(readFileSync(repoPath("README.md"), "utf8"))).toContain("BENCHMARKS.md");
    expect(deadReadmeLinks(files)).toEqual([]);
  });

  it("package.json declares ESM exports with types first, the spec subpaths, no side effects, MIT", () => {
    expect(pkg).toMatchObject({
      type: "module",
      license: "MIT",
      sideEffects: false,
      types: "./dist/src/index.d.ts",
      exports: {
        ".": { types: "./dist/src/index.d.ts", default: "./dist/src/index.js" },
        "./openapi.json": "./generated/openapi.json",
        "./openapi.yaml": "./generated/openapi.yaml",
      },
    });
    for (const target of Object.values(pkg.exports)) {
      if (typeof target === "object" && target !== null) expect(Object.keys(target)[0]).toBe("types");
    }
    expect(readFileSync(repoPath("LICENSE"), "utf8")).toMatch(/^MIT License/);
  });

  it("publint finds nothing, not even a suggestion", () => {
    const result = run(bin("publint"), ["run", "--strict", "--level", "suggestion"]);
    expect(result.output).toContain("All good!");
    expect(result.status, result.output).toBe(0);
  });

  it("attw --pack (ESM profile) finds no problem in any entry point", () => {
    // ./openapi.yaml is a data file for require.resolve/import.meta.resolve, not a module: nothing
    // can import it, so it has no types to check.
    const result = run(bin("attw"), [
      "--pack",
      ".",
      "--profile",
      "esm-only",
      "--exclude-entrypoints",
      "./openapi.yaml",
      "--format",
      "json",
    ]);
    expect(result.status, result.output).toBe(0);
    const report = JSON.parse(result.stdout) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems: Record<string, { resolutionKind: string }[]>;
    };
    const declared = Object.keys(pkg.exports).filter((entry) => entry !== "./openapi.yaml");
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(declared.sort());
    const esmProblems = Object.values(report.problems)
      .flat()
      .filter((p) => p.resolutionKind === "node16-esm" || p.resolutionKind === "bundler");
    expect(esmProblems).toEqual([]);
  });
});
