// The lint gate (scripts/lib/lint.ts: one Redocly run and one Spectral run over the source spec and
// the bundle): the real spec is clean, and each project rule catches the fault it exists for. A copy
// of the spec with one fault per rule, and its bundle, is linted, and every rule must fire where
// expected, in the source file of the fault and at the same place in the bundle, and nowhere else.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSpec, bundleYaml } from "../../scripts/lib/bundle.js";
import { type Finding, lintFindings } from "../../scripts/lib/lint.js";
import { operations, repoPath } from "../../scripts/lib/spec.js";

const BUNDLE = "generated/openapi.yaml";

describe("lint of the real spec", () => {
  it("finds nothing: zero errors, warnings or hints (source and bundle, Redocly and Spectral)", async () => {
    expect(await lintFindings()).toEqual([]);
  }, 120_000);
});

/** The path of an operation, as the bundle (and Spectral's dotted paths into it) write it. */
function pathOf(operationId: string): string {
  const op = operations().find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op.path;
}

/** One fault: the text replaced in a file of spec/. */
interface Fault {
  file: string;
  find: string;
  replace: string;
}

// One fault per rule, each in its own file.
const faults: Fault[] = [
  { file: "spec/components/schemas/DisplayName.yaml", find: "maxLength: 128\n", replace: "" },
  { file: "spec/components/schemas/Duration.yaml", find: "maximum: 2592000\n", replace: "" },
  { file: "spec/components/schemas/WinPolicyAssignmentInput.yaml", find: "additionalProperties: false\n", replace: "" },
  {
    file: "spec/paths/windows-enrollment-tokens.yaml",
    find: "    '404':\n      $ref: ../components/responses/NotFound.yaml\n",
    replace: "",
  },
  {
    file: "spec/paths/android-enrollment-tokens.yaml",
    find: "            $ref: ../components/schemas/ErrorEnvelope.yaml",
    replace: "            type: object",
  },
  {
    file: "spec/paths/apple-enrollment-tokens-bulk.yaml",
    find: "    - bearerAuth: [mdm.apple.enrollmentToken.create]",
    replace: "    - bearerAuth: [mdm.apple.enrollmentToken.create, admin]",
  },
  {
    file: "spec/paths/apple-enrollment-tokens.yaml",
    find: "    '400':\n      description: The request was refused.\n      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/ErrorEnvelope.yaml\n          examples:\n            featureNotAllowed:\n              $ref: ../components/examples/Error5050.yaml\n",
    replace: "",
  },
  { file: "spec/components/examples/Error3001.yaml", find: "message: Entity not found", replace: "message: string" },
  {
    file: "spec/components/examples/AppleEnrollmentTokenCreated.yaml",
    find: "createdAt: '2026-02-13T10:30:00Z'",
    replace: "createdAt: '2026-02-13T10: 30:00Z'",
  },
];

/**
 * Where each rule must fire: the tool, the rule, the faulty source file with the place in it, and
 * the place in the bundle (a dotted path for Spectral, a JSON pointer for Redocly).
 */
interface Expected {
  tool: Finding["tool"];
  rule: string;
  file: string;
  where: string;
  bundleWhere: string;
}
const windows = pathOf("createWindowsEnrollmentToken");
const android = pathOf("createAndroidEnrollmentToken");
const bulk = pathOf("bulkCreateAppleEnrollmentTokens");
const appleCreate = pathOf("createAppleEnrollmentToken");
const expected: Expected[] = [
  {
    tool: "spectral",
    rule: "request-strings-bounded",
    file: "spec/components/schemas/DisplayName.yaml",
    where: "",
    bundleWhere: "components.schemas.DisplayName",
  },
  {
    tool: "spectral",
    rule: "request-integers-bounded",
    file: "spec/components/schemas/Duration.yaml",
    where: "",
    bundleWhere: "components.schemas.Duration",
  },
  {
    tool: "spectral",
    rule: "request-objects-closed",
    file: "spec/components/schemas/WinPolicyAssignmentInput.yaml",
    where: "",
    bundleWhere: "components.schemas.WinPolicyAssignmentInput",
  },
  {
    tool: "spectral",
    rule: "operation-declares-401-and-404",
    file: "spec/paths/windows-enrollment-tokens.yaml",
    where: "get.responses",
    bundleWhere: `paths.${windows}.get.responses`,
  },
  {
    tool: "spectral",
    rule: "error-responses-use-envelope",
    file: "spec/paths/android-enrollment-tokens.yaml",
    where: "post.responses.400.content.application/json.schema",
    bundleWhere: `paths.${android}.post.responses.400.content.application/json.schema`,
  },
  {
    tool: "spectral",
    rule: "operation-requires-one-permission",
    file: "spec/paths/apple-enrollment-tokens-bulk.yaml",
    where: "post.security.0.bearerAuth",
    bundleWhere: `paths.${bulk}.post.security.0.bearerAuth`,
  },
  {
    tool: "spectral",
    rule: "operation-with-body-declares-400",
    file: "spec/paths/apple-enrollment-tokens.yaml",
    where: "post.responses",
    bundleWhere: `paths.${appleCreate}.post.responses`,
  },
  {
    tool: "spectral",
    rule: "examples-have-no-placeholders",
    file: "spec/components/examples/Error3001.yaml",
    where: "value.error.message",
    bundleWhere: "components.examples.Error3001.value.error.message",
  },
  {
    tool: "redocly",
    rule: "no-invalid-media-type-examples",
    file: "spec/components/examples/AppleEnrollmentTokenCreated.yaml",
    where: "#/value/data/createdAt",
    bundleWhere: "#/components/examples/AppleEnrollmentTokenCreated/value/data/createdAt",
  },
  // Spectral's OpenAPI ruleset catches the stray space too.
  {
    tool: "spectral",
    rule: "oas3-valid-media-example",
    file: "spec/components/examples/AppleEnrollmentTokenCreated.yaml",
    where: "value.data.createdAt",
    bundleWhere: "components.examples.AppleEnrollmentTokenCreated.value.data.createdAt",
  },
];

describe("each project rule catches its fault", () => {
  let dir = "";
  let findings: Finding[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "lint-faults-"));
    for (const entry of ["spec", "redocly.yaml", ".spectral.yaml"]) {
      cpSync(repoPath(entry), join(dir, entry), { recursive: true });
    }
    symlinkSync(repoPath("node_modules"), join(dir, "node_modules"));
    for (const { file, find, replace } of faults) {
      const text = readFileSync(join(dir, file), "utf8");
      if (!text.includes(find)) throw new Error(`fault not applicable: ${file} has no ${JSON.stringify(find)}`);
      writeFileSync(join(dir, file), text.replace(find, replace));
    }
    const bundle = await bundleSpec(join(dir, "spec/openapi.yaml"), join(dir, "redocly.yaml"));
    mkdirSync(join(dir, "generated"));
    writeFileSync(join(dir, BUNDLE), bundleYaml(bundle));
    findings = await lintFindings(dir);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The distinct places a rule of a tool fires in a file. */
  const fired = (tool: Finding["tool"], rule: string, file: string) => [
    ...new Set(findings.filter((f) => f.tool === tool && f.rule === rule && f.file === file).map((f) => f.where)),
  ];

  it.each(expected.map((e): [string, Expected] => [`${e.tool} ${e.rule}`, e]))(
    "%s fires at its fault, in the source file and at the same place in the bundle",
    (_name, e) => {
      expect(fired(e.tool, e.rule, e.file)).toEqual([e.where]);
      expect(fired(e.tool, e.rule, BUNDLE)).toEqual([e.bundleWhere]);
    },
  );

  it("each tool lints both documents: every fault shows in the source and in the bundle", () => {
    for (const tool of ["redocly", "spectral"] as const) {
      const files = new Set(findings.filter((f) => f.tool === tool).map((f) => (f.file === BUNDLE ? BUNDLE : "spec")));
      expect(files, tool).toEqual(new Set(["spec", BUNDLE]));
    }
    for (const { file } of faults) expect(findings.map((f) => f.file)).toContain(file);
  });

  it("no rule fires anywhere else", () => {
    const key = (f: Pick<Finding, "tool" | "rule" | "file" | "where">) => `${f.tool} ${f.rule} ${f.file} ${f.where}`;
    const allowed = new Set(
      expected.flatMap((e) => [key(e), key({ tool: e.tool, rule: e.rule, file: BUNDLE, where: e.bundleWhere })]),
    );
    expect(findings.map(key).filter((k) => !allowed.has(k))).toEqual([]);
  });
});
