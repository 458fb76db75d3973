// npm run check:breaking end to end, on a temporary git repository holding a copy of spec/ and
// redocly.yaml: the base ref is bundled from git, the working tree from disk, and the two compared
// with redocly diff; a breaking change fails unless the release is a breaking bump (a pending
// changeset, or a version already bumped); the output groups the changes by operation.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundle, operations, repoPath } from "../../scripts/lib/spec.js";

const NAME = "applivery-mdm-openapi";
let dir = "";

function sh(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: dir, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}
const git = (...args: string[]) => sh("git", args);

/** Runs the CLI as npm run check:breaking does, on the temporary repository. */
function checkBreaking(...args: string[]) {
  const result = spawnSync(
    repoPath("node_modules/.bin/tsx"),
    [repoPath("scripts/check-breaking.ts"), "--root", dir, ...args],
    {
      cwd: repoPath(""),
      encoding: "utf8",
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const setVersion = (version: string) =>
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: NAME, version, private: true }, null, 2)}\n`);
const changeset = (bump: string | null) => {
  const file = join(dir, ".changeset", "pending-change.md");
  if (bump === null) rmSync(file, { force: true });
  else writeFileSync(file, `---\n"${NAME}": ${bump}\n---\n\nA change.\n`);
};
/**
 * The report's heading for the first operation, in document order, that uses the component schema
 * `name`: a copy of the bundle with that schema marked, each operation dereferenced.
 */
function firstUserOf(name: string): string {
  const bundle = loadBundle();
  const schema = bundle.components?.schemas?.[name];
  if (!schema) throw new Error(`no schema ${name}`);
  schema["x-marked"] = true;
  const user = operations(bundle).find(({ operation }) => JSON.stringify(operation).includes('"x-marked"'));
  if (!user) throw new Error(`no operation uses ${name}`);
  return `${user.operationId} (${user.method.toUpperCase()} ${user.path})`;
}
const DISPLAY_NAME = () => join(dir, "spec/components/schemas/DisplayName.yaml");
let displayName = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "applivery-check-breaking-"));
  cpSync(repoPath("spec"), join(dir, "spec"), { recursive: true });
  cpSync(repoPath("redocly.yaml"), join(dir, "redocly.yaml"));
  cpSync(repoPath(".changeset/config.json"), join(dir, ".changeset/config.json"));
  setVersion("1.0.0");
  git("init", "-q", "-b", "main");
  git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "add", ".");
  git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "first");
  displayName = readFileSync(DISPLAY_NAME(), "utf8");
  expect(displayName).toContain("maxLength: 128");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("check:breaking on a git repository", () => {
  it("without a release tag compares with the first commit; an unchanged spec passes", () => {
    const result = checkBreaking();
    expect(result.output).toContain("(no release tag yet: the first commit)");
    expect(result.output).toContain("no change (redocly diff)");
    expect(result.status, result.output).toBe(0);
  });

  it("before the first release tag a breaking change is listed but allowed: nothing released, no user to break", () => {
    writeFileSync(DISPLAY_NAME(), displayName.replace("maxLength: 128", "maxLength: 64"));
    const result = checkBreaking();
    expect(result.output).toContain(
      "`maxLength` of `displayName` changed from '128' to '64'. (schema-constraint-changed)",
    );
    expect(result.output).toContain("Allowed: nothing has been released yet (no v* tag)");
    expect(result.status, result.output).toBe(0);
    // The same ref given explicitly is taken as a release: the rule applies.
    const first = git("rev-list", "--max-parents=0", "HEAD").trim();
    expect(checkBreaking("--base", first).status).toBe(1);
  });

  it("a breaking change with no pending changeset fails, under the operation, with Redocly's message and the pointer", () => {
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "tag", "-a", "v1.0.0", "-m", "v1.0.0");
    const result = checkBreaking();
    expect(result.output).toContain("the spec at v1.0.0 (the last release tag)");
    // The shared schema's change is listed once, under the first operation that uses it.
    const lines = result.output.split("\n");
    const group = lines.indexOf(firstUserOf("DisplayName"));
    expect(group, result.output).toBeGreaterThan(0);
    expect(lines[group + 1]).toMatch(
      /^ {2}BREAKING {2}modified {2}\S+\/displayName · maxLength {2}\[#\/components\/schemas\/DisplayName\/maxLength\]$/,
    );
    expect(result.output).toContain("1 change(s), 1 breaking for users of the types and the client.");
    expect(result.output).toContain(
      "Not allowed: 1.0.0 → 1.0.0 is not a breaking bump: add a changeset that declares a major bump",
    );
    expect(result.status, result.output).toBe(1);
  });

  it("a pending changeset declaring major lets it pass; minor or patch does not (1.x)", () => {
    changeset("major");
    let result = checkBreaking();
    expect(result.output).toContain(
      "Allowed: 1.0.0 → 2.0.0 is a breaking bump (pending major changeset pending-change)",
    );
    expect(result.status, result.output).toBe(0);
    for (const bump of ["minor", "patch"]) {
      changeset(bump);
      result = checkBreaking();
      expect(result.status, `${bump}\n${result.output}`).toBe(1);
    }
    changeset(null);
  });

  it("in 0.x, a minor changeset is the breaking bump; patch is not", () => {
    setVersion("0.3.0");
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "0.3.0", "package.json");
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "tag", "-a", "v0.3.0", "-m", "v0.3.0");
    // The tag's tree still has maxLength 128: only the working tree changed it.
    changeset("patch");
    expect(checkBreaking().status).toBe(1);
    changeset("minor");
    const result = checkBreaking();
    expect(result.output).toContain("Allowed: 0.3.0 → 0.4.0");
    expect(result.status, result.output).toBe(0);
    changeset(null);
  });

  it("after `changeset version` (no changeset left, version bumped) it passes", () => {
    setVersion("0.4.0");
    const result = checkBreaking();
    expect(result.output).toContain("Allowed: 0.3.0 → 0.4.0 is a breaking bump (package.json's version)");
    expect(result.status, result.output).toBe(0);
    setVersion("0.3.0");
  });

  it("a change that breaks nobody passes without a changeset; --base picks the ref", () => {
    writeFileSync(DISPLAY_NAME(), displayName.replace("Human-readable name", "The human-readable name"));
    const result = checkBreaking("--base", "v1.0.0");
    expect(result.output).toContain("the spec at v1.0.0 (given)");
    expect(result.output).toMatch(/^ {2}patch {5}modified {2}.*displayName · description/m);
    expect(result.output).toContain("0 breaking");
    expect(result.status, result.output).toBe(0);
  });

  it("a schema renamed is breaking (it is an exported type name), though Redocly rates it a patch", () => {
    const components = join(dir, "spec/components/schemas");
    cpSync(join(components, "DisplayName.yaml"), join(components, "TokenName.yaml"));
    const users = spawnSync("grep", ["-rl", "DisplayName.yaml", join(dir, "spec")], { encoding: "utf8" });
    for (const file of users.stdout.trim().split("\n")) {
      writeFileSync(file, readFileSync(file, "utf8").replace(/\bDisplayName\.yaml/g, "TokenName.yaml"));
    }
    const result = checkBreaking("--base", "v1.0.0");
    expect(result.output).toContain(
      "components.schemas.DisplayName is an exported type: removing or renaming it breaks an import. (exported-name-removed)",
    );
    expect(result.status, result.output).toBe(1);
    git("checkout", "-q", "--", "spec");
    unlinkSync(join(components, "TokenName.yaml"));
  });

  it("an unknown ref or argument is a usage error (exit 2)", () => {
    const unknown = checkBreaking("--base", "no-such-ref");
    expect(unknown.output).toContain('git does not know the ref "no-such-ref"');
    expect(unknown.status).toBe(2);
    const wrong = checkBreaking("--bse", "v1.0.0");
    expect(wrong.status).toBe(2);
  });

  it("a ref whose spec does not bundle is an error, not a pass", () => {
    unlinkSync(join(dir, "spec/components/schemas/DisplayName.yaml"));
    git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-am", "broken");
    const result = checkBreaking("--base", "HEAD");
    expect(result.status, result.output).toBe(2);
    expect(result.output).toContain("check:breaking:");
  });
});
