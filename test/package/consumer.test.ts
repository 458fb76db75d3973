// A consumer project that installed the packed tarball (the run's shared install): the sample
// compiles (strict, nodenext and bundler), each mistake in it is a compile error that names its
// field, declarations and hover show the spec's type names, the published JavaScript runs, and a
// bundler ships only what is imported, with openapi-fetch as the one package beside ours. Both
// compilations are TypeScript programs in this process: one per module resolution.
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { bundleSize } from "../../scripts/lib/bundle-size.js";
import { repoPath } from "../../scripts/lib/spec.js";
import { run, workspace } from "../support/package.js";

const fixture = repoPath("test/fixtures/consumer");
const install = inject("install");
let dir = "";

/** A TypeScript program of a fixture tsconfig (with `options` over it) for `files` of the workspace. */
function program(config: string, files: string[], options: ts.CompilerOptions = {}): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(dir, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!parsed || parsed.errors.length) throw new Error(`${config} does not parse`);
  // TypeScript's own lib files are not the package's: checking them again proves nothing.
  return ts.createProgram(
    files.map((file) => join(dir, file)),
    { ...parsed.options, skipDefaultLibCheck: true, ...options },
  );
}

/** Every diagnostic of a program as `<file>:<line> <text, elaboration included>`. */
const diagnostics = (p: ts.Program): string[] =>
  ts.getPreEmitDiagnostics(p).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return `(global) ${text}`;
    const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
    return `${d.file.fileName.slice(dir.length + 1)}:${line} ${text}`;
  });

/**
 * Runs fixture `<name>.ts` with node in the workspace and returns the JSON it printed. Its types are
 * only removed here: scenario.ts is type-checked with the sample above, run.ts (which needs Node's
 * types, absent from the install) with the repository.
 */
function runFixture(name: string): Record<string, unknown> {
  const { outputText } = ts.transpileModule(readFileSync(join(fixture, `${name}.ts`), "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(dir, `${name}.js`), outputText);
  const result = run(process.execPath, [`${name}.js`], dir);
  expect(result.status, result.output).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

// The sample as written, and the sample with every `@ts-expect-error` directive taken out: tsc must
// report an error on exactly the lines they guarded, containing the text after `names:`.
const guarded = new Map<number, string>();
let nodenext: ts.Program;

beforeAll(() => {
  dir = workspace(install, "consumer");
  cpSync(fixture, dir, { recursive: true });
  const kept: string[] = [];
  for (const line of readFileSync(join(fixture, "sample.ts"), "utf8").split("\n")) {
    const directive = /^\s*\/\/ @ts-expect-error names: (.+)$/.exec(line);
    if (directive?.[1]) guarded.set(kept.length + 1, directive[1]);
    else kept.push(line);
  }
  writeFileSync(join(dir, "unguarded.ts"), kept.join("\n"));
  nodenext = program("tsconfig.nodenext.json", ["sample.ts", "scenario.ts", "unguarded.ts"], {
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    outDir: join(dir, "declarations"),
  });
}, 120_000);

describe("a consumer project that installed the tarball", () => {
  it("compiles the sample, strict, moduleResolution nodenext", () => {
    expect(diagnostics(nodenext).filter((d) => !d.startsWith("unguarded.ts:"))).toEqual([]);
  });

  it("compiles the sample, strict, moduleResolution bundler", () => {
    expect(diagnostics(program("tsconfig.bundler.json", ["sample.ts", "scenario.ts"]))).toEqual([]);
  });

  it("each @ts-expect-error marks a real compile error, and the error names its field", () => {
    expect(guarded.size).toBeGreaterThanOrEqual(11);
    const errors = new Map<number, string>();
    for (const d of diagnostics(nodenext)) {
      const match = /^unguarded\.ts:(\d+) ([\s\S]*)$/.exec(d);
      if (match) errors.set(Number(match[1]), `${errors.get(Number(match[1])) ?? ""}\n${match[2]}`);
    }
    expect([...errors.keys()].sort((a, b) => a - b)).toEqual([...guarded.keys()]);
    for (const [line, text] of guarded) expect(errors.get(line), `line ${line}`).toContain(text);
  });

  it("declarations and hover name the result types", () => {
    const source = nodenext.getSourceFile(join(dir, "sample.ts"));
    if (!source) throw new Error("sample.ts is not in the program");
    expect(nodenext.emit(source).emitSkipped).toBe(false);
    const declarations = readFileSync(join(dir, "declarations/sample.d.ts"), "utf8");
    const names = {
      apple: "AppleEnrollmentToken",
      counts: "BulkCreateResult",
      page: "AppleEnrollmentTokenPage",
      windows: "WindowsEnrollmentToken",
      android: "AndroidEnrollmentToken",
      aosp: "AospEnrollmentToken",
      windowsPage: "WindowsEnrollmentTokenPage",
      aospPage: "AospEnrollmentTokenPage",
    };
    const checker = nodenext.getTypeChecker();
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
    const out = runFixture("run");
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

  it("runs a scenario over the token family against a stand-in that keeps the tokens it is sent", () => {
    const out = runFixture("scenario");
    const at = (platform: string) => `/organizations/acme-corp/mdm/${platform}/enterprise/enrollment-tokens`;
    const user = `"mdmUserId":"698f3bde457fafa13d088791"`;
    const emails = `"userEmails":["ana.garcia@example.com","li.wei@example.com"]`;
    // What the client sent: method, path, query and body of each call, in order.
    expect(out.sent).toEqual([
      `POST ${at("apple")} {${user},"sendEmail":false,"displayName":"Ana's iPhone"}`,
      `GET ${at("apple")}/000000000000000000000001`,
      `POST ${at("windows")} {${user},"sendEmail":false,"displayName":"Laptop"}`,
      `PUT ${at("windows")}/000000000000000000000002 {"displayName":"Laptop (renamed)","tags":["renamed"]}`,
      `GET ${at("windows")}`,
      `POST ${at("windows")}/bulk {${emails},"sendEmail":false,"displayName":"Bulk"}`,
      `GET ${at("windows")}`,
      `POST ${at("aosp")} {${user},"managementMode":"DEVICE_OWNER","duration":3600}`,
      `DELETE ${at("aosp")}/000000000000000000000005`,
      `GET ${at("windows")}?limit=1`,
      `GET ${at("windows")}?limit=1&page=2`,
      `GET ${at("windows")}?limit=1&page=3`,
    ]);
    // What the client made of the answers: each method resolves to the envelope's data.
    expect(out.readBack).toEqual(out.created);
    expect(out).toMatchObject({
      created: { id: "000000000000000000000001", displayName: "Ana's iPhone" },
      renamed: { id: "000000000000000000000002", displayName: "Laptop (renamed)", tags: ["renamed"] },
      listedAfterUpdate: ["Laptop (renamed)"],
      counts: { total: 2, success: 2, fail: 0 },
      listedAfterBulk: { totalDocs: 3, names: ["Laptop (renamed)", "Bulk", "Bulk"] },
      deleted: { id: "000000000000000000000005", status: "DELETED", state: "DELETED" },
      paged: ["000000000000000000000002", "000000000000000000000003", "000000000000000000000004"],
    });
  });

  it("is ESM with types first in every export, MIT with its licence text, and installs with openapi-fetch only", () => {
    const installed = join(install.dir, "node_modules/applivery-mdm-openapi");
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg).toMatchObject({ type: "module", license: "MIT", sideEffects: false });
    for (const target of Object.values(pkg.exports as Record<string, unknown>)) {
      if (typeof target === "object" && target !== null) expect(Object.keys(target)[0]).toBe("types");
    }
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License/);
    // A client user installs this package, openapi-fetch and its helper types, nothing else: msw,
    // ajv and ajv-formats are optional peers of the mock (and the sample above ran without them).
    const packages = readdirSync(join(install.dir, "node_modules")).filter((name) => !name.startsWith("."));
    expect(packages.sort()).toEqual(["applivery-mdm-openapi", "openapi-fetch", "openapi-typescript-helpers"]);
  });

  it("a bundler ships only what is imported, and no package but openapi-fetch beside ours", async () => {
    const all = await bundleSize(`export * from "applivery-mdm-openapi";`, dir);
    const one = await bundleSize(`export { createAppliveryClient } from "applivery-mdm-openapi";`, dir);
    expect(Object.keys(all.parts).sort()).toEqual(["<stdin>", "applivery-mdm-openapi", "openapi-fetch"]);
    expect(all.parts["applivery-mdm-openapi"]).toBeGreaterThan(0);
    expect(all.parts["openapi-fetch"]).toBeGreaterThan(0);
    // Tree-shaking works on the published modules: one export ships less of ours than all of them.
    expect(one.parts["applivery-mdm-openapi"]).toBeLessThan(all.parts["applivery-mdm-openapi"] ?? 0);
  });
});
