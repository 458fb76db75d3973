// The lint gate: the real spec is clean, and each project rule catches the fault it exists for
// (a copy of the spec with one fault per rule is linted, and every rule must fire where expected).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const bin = (name: string) => join(root, "node_modules/.bin", name);
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

describe("lint of the real spec", () => {
  it("passes with zero errors and zero warnings (source and bundle, Redocly and Spectral)", () => {
    const run = spawnSync("node", [join(root, "scripts/lint.mjs")], { cwd: root, encoding: "utf8", env });
    expect(run.stdout + run.stderr).toContain("redocly lint main: 0 errors, 0 warnings");
    expect(run.stdout).toContain("spectral lint generated/openapi.yaml: 0 problems");
    expect(run.status).toBe(0);
  });
});

describe("each project rule catches its fault", () => {
  let dir: string;
  let spectral: { code: string; source: string; path: string[] }[];
  let redocly: { ruleId: string; location: { source: { ref: string }; pointer: string }[] }[];

  // One fault per rule, each in its own file: [file, text to find, replacement].
  const faults: [string, string, string][] = [
    ["spec/components/schemas/DisplayName.yaml", "maxLength: 128\n", ""],
    ["spec/components/schemas/Duration.yaml", "maximum: 2592000\n", ""],
    ["spec/components/schemas/WinPolicyAssignmentInput.yaml", "additionalProperties: false\n", ""],
    ["spec/paths/windows-enrollment-tokens.yaml", "    '404':\n      $ref: ../components/responses/NotFound.yaml\n", ""],
    ["spec/paths/android-enrollment-tokens.yaml", "            $ref: ../components/schemas/ErrorEnvelope.yaml", "            type: object"],
    ["spec/paths/apple-enrollment-tokens-bulk.yaml", "    - bearerAuth: [mdm.apple.enrollmentToken.create]", "    - bearerAuth: [mdm.apple.enrollmentToken.create, admin]"],
    ["spec/components/examples/Error3001.yaml", "message: Entity not found", "message: string"],
    ["spec/components/examples/AppleEnrollmentTokenCreated.yaml", "createdAt: '2026-02-13T10:30:00Z'", "createdAt: '2026-02-13T10: 30:00Z'"],
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "lint-faults-"));
    for (const entry of ["spec", "redocly.yaml", ".spectral.yaml"]) cpSync(join(root, entry), join(dir, entry), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    for (const [file, find, replace] of faults) {
      const text = readFileSync(join(dir, file), "utf8");
      if (!text.includes(find)) throw new Error(`fault not applicable: ${file} has no ${JSON.stringify(find)}`);
      writeFileSync(join(dir, file), text.replace(find, replace));
    }
    const s = spawnSync(bin("spectral"), ["lint", "spec/openapi.yaml", "--format=json", "--quiet"], { cwd: dir, encoding: "utf8", env });
    spectral = JSON.parse(s.stdout);
    const r = spawnSync(bin("redocly"), ["lint", "main", "--format=json"], { cwd: dir, encoding: "utf8", env });
    redocly = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))).problems;
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fired = (rule: string, fileEnd: string) =>
    [...new Set(spectral.filter((p) => p.code === rule && p.source.endsWith(fileEnd)).map((p) => p.path.join(".")))];

  it("request-strings-bounded: a string with no bound", () => {
    expect(fired("request-strings-bounded", "DisplayName.yaml")).toEqual([""]);
  });
  it("request-integers-bounded: an integer with no maximum", () => {
    expect(fired("request-integers-bounded", "Duration.yaml")).toEqual([""]);
  });
  it("request-objects-closed: a request object that accepts unknown keys", () => {
    expect(fired("request-objects-closed", "WinPolicyAssignmentInput.yaml")).toEqual([""]);
  });
  it("operation-declares-401-and-404: an operation without 404", () => {
    expect(fired("operation-declares-401-and-404", "windows-enrollment-tokens.yaml")).toEqual(["post.responses"]);
  });
  it("error-responses-use-envelope: a 400 with its own schema", () => {
    expect(fired("error-responses-use-envelope", "android-enrollment-tokens.yaml")).toEqual(["post.responses.400.content.application/json.schema"]);
  });
  it("operation-requires-one-permission: two roles", () => {
    expect(fired("operation-requires-one-permission", "apple-enrollment-tokens-bulk.yaml")).toEqual(["post.security.0.bearerAuth"]);
  });
  it('examples-have-no-placeholders: a "string" placeholder', () => {
    expect(fired("examples-have-no-placeholders", "Error3001.yaml")).toEqual(["value.error.message"]);
  });
  it("redocly no-invalid-media-type-examples: a date-time with a stray space", () => {
    const hits = redocly.filter((p) => p.ruleId === "no-invalid-media-type-examples");
    expect(hits.map((p) => p.location[0]!.source.ref + p.location[0]!.pointer)).toEqual([
      expect.stringMatching(/AppleEnrollmentTokenCreated\.yaml#\/value\/data\/createdAt$/),
    ]);
  });
  it("no rule fires anywhere else", () => {
    const expectedFiles = faults.map(([file]) => file.split("/").pop()!);
    const stray = spectral.filter((p) => !expectedFiles.some((f) => p.source.endsWith(f)));
    expect(stray).toEqual([]);
  });
});
