// A consumer project that installs the packed tarball: the sample compiles (strict, nodenext and
// bundler), each mistake in it is a compile error that names its field, declarations and hover show
// the spec's type names, and the published JavaScript runs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/spec.js";
import { pack, run } from "../support/package.js";

const fixture = repoPath("test/fixtures/consumer");
const tscPath = repoPath("node_modules/typescript/bin/tsc");
const nodeTypes = JSON.parse(readFileSync(repoPath("node_modules/@types/node/package.json"), "utf8")).version as string;
let dir = "";
const tsc = (project: string) => run(process.execPath, [tscPath, "-p", project, "--pretty", "false"], dir);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "applivery-consumer-"));
  const { filename } = pack(["--pack-destination", dir]);
  cpSync(fixture, dir, { recursive: true });
  // Written here rather than kept in the fixture, so that in the repository the sample resolves
  // `applivery-mdm-openapi` to this package itself (a self-reference) for editors and tsc.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const installed = run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${filename}`, `@types/node@${nodeTypes}`],
    dir,
  );
  expect(installed.status, installed.output).toBe(0);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a consumer project that installs the tarball", () => {
  it.each(["nodenext", "bundler"])("compiles the sample, strict, moduleResolution %s", (resolution) => {
    const result = tsc(`tsconfig.${resolution}.json`);
    expect(result.output.trim()).toBe("");
    expect(result.status).toBe(0);
  });

  it("each @ts-expect-error marks a real compile error, and the error names its field", () => {
    // Without the directives, tsc must report an error on exactly the lines they guarded, and
    // each error must contain the text after `names:`.
    const lines = readFileSync(join(fixture, "sample.ts"), "utf8").split("\n");
    const kept: string[] = [];
    const guarded = new Map<number, string>();
    for (const line of lines) {
      const directive = /^\s*\/\/ @ts-expect-error names: (.+)$/.exec(line);
      if (directive?.[1]) guarded.set(kept.length + 1, directive[1]);
      else kept.push(line);
    }
    expect(guarded.size).toBeGreaterThanOrEqual(11);
    writeFileSync(join(dir, "unguarded.ts"), kept.join("\n"));
    const config = JSON.parse(readFileSync(join(fixture, "tsconfig.nodenext.json"), "utf8")) as object;
    writeFileSync(join(dir, "tsconfig.unguarded.json"), JSON.stringify({ ...config, files: ["unguarded.ts"] }));
    const result = tsc("tsconfig.unguarded.json");
    expect(result.status).not.toBe(0);
    // tsc prints an error's first line with its position, and its elaboration indented below.
    const errors = new Map<number, string>();
    let current = 0;
    for (const line of result.output.split("\n")) {
      const start = /^unguarded\.ts\((\d+),\d+\): error TS\d+: (.*)$/.exec(line);
      if (start) current = Number(start[1]);
      if (current) errors.set(current, `${errors.get(current) ?? ""}\n${start ? start[2] : line}`);
    }
    expect([...errors.keys()].sort((a, b) => a - b)).toEqual([...guarded.keys()]);
    for (const [line, text] of guarded) expect(errors.get(line), `line ${line}`).toContain(text);
  });

  it("declarations and hover name the result types", () => {
    const program = ts.createProgram([join(dir, "sample.ts")], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      declaration: true,
      emitDeclarationOnly: true,
      outDir: join(dir, "declarations"),
      types: [],
    });
    const emitted = program.emit();
    expect(emitted.emitSkipped).toBe(false);
    const declarations = readFileSync(join(dir, "declarations/sample.d.ts"), "utf8");
    const names = {
      apple: "AppleEnrollmentToken",
      counts: "BulkCreateResult",
      page: "AppleEnrollmentTokenPage",
      windows: "WindowsEnrollmentToken",
      android: "AndroidEnrollmentToken",
    };
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(join(dir, "sample.ts"));
    if (!source) throw new Error("sample.ts is not in the program");
    for (const [variable, type] of Object.entries(names)) {
      expect(declarations).toMatch(
        new RegExp(`export declare const ${variable}: (import\\("applivery-mdm-openapi"\\)\\.)?${type};`),
      );
      const declaration = source.statements
        .filter(ts.isVariableStatement)
        .flatMap((statement) => [...statement.declarationList.declarations])
        .find((d) => d.name.getText(source) === variable);
      if (!declaration) throw new Error(`no ${variable} in sample.ts`);
      expect(checker.typeToString(checker.getTypeAtLocation(declaration.name))).toBe(type);
    }
  });

  it("runs: the published JavaScript calls through fetch, refuses a bad path parameter, and the spec subpaths resolve", () => {
    writeFileSync(
      join(dir, "tsconfig.run.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          outDir: "out",
        },
        files: ["run.ts"],
      }),
    );
    const built = tsc("tsconfig.run.json");
    expect(built.status, built.output).toBe(0);
    const result = run(process.execPath, ["out/run.js"], dir);
    expect(result.status, result.output).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    const spec = JSON.parse(readFileSync(repoPath("generated/openapi.json"), "utf8")) as { openapi: string };
    const operations = out.operations as string[];
    expect(operations.length).toBeGreaterThan(0);
    expect(out).toEqual({
      openapi: spec.openapi,
      operations,
      methods: expect.arrayContaining([...operations, "GET", "POST", "use", "eject"]),
      yamlStartsWith: "openapi:",
      created: { id: "69a0c1d2e3f4a5b6c7d8e9f0" },
      bulkError:
        "bulkCreateAppleEnrollmentTokens: 1 of 2 tokens were not created (1 were); the API does not say which addresses failed",
      refused: "request",
      requests: [
        "POST /organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens Bearer example-token",
        "POST /organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens/bulk Bearer example-token",
      ],
    });
  });
});
