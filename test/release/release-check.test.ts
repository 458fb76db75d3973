// release:check's own rules: the steps it runs, package.json's metadata (real URLs or none), the
// changelog against the version and the release tags, and the version arithmetic of the
// pending-changeset rule. The steps themselves run in CI (.ci/run runs npm run release:check).
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { breakingBumpFor, bumpVersion, isBreakingBump } from "../../scripts/lib/breaking/changesets.js";
import { changelogProblems, changelogVersions } from "../../scripts/lib/release/changelog.js";
import { absentLinks, metadataProblems } from "../../scripts/lib/release/metadata.js";
import { STEPS } from "../../scripts/lib/release/steps.js";
import { repoPath } from "../../scripts/lib/spec.js";

const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as Record<string, unknown>;

describe("release:check", () => {
  it("runs the steps the release needs, in order", () => {
    expect(STEPS.map((step) => step.name)).toEqual([
      "build",
      "check:generated",
      "publint",
      "attw",
      "size budget",
      "packed files",
      "git install",
      "metadata",
      "changelog",
      "check:breaking",
      "npm publish --dry-run",
    ]);
  });

  it("attw leaves a tarball packed in the repository before it as it was", async () => {
    const tarball = repoPath(`${String(pkg.name)}-${String(pkg.version)}.tgz`);
    const users = existsSync(tarball) ? readFileSync(tarball) : undefined;
    const before = users ?? Buffer.from("the tarball a user packed\n");
    if (!users) writeFileSync(tarball, before);
    try {
      const result = await STEPS.find((step) => step.name === "attw")?.run();
      expect(result?.ok, result?.output).toBe(true);
      expect(existsSync(tarball)).toBe(true);
      expect(readFileSync(tarball).equals(before)).toBe(true);
    } finally {
      if (!users) rmSync(tarball, { force: true });
    }
  });

  it("package.json's metadata is complete, and claims no repository it does not have", () => {
    expect(metadataProblems(pkg)).toEqual([]);
    expect(absentLinks(pkg)).toEqual(["repository", "homepage", "bugs"]);
  });

  it("metadata: a missing field, a made-up or insecure URL, private: true are problems", () => {
    const { keywords: _k, author: _a, ...bare } = pkg;
    expect(metadataProblems(bare)).toEqual(["author is missing", "keywords are missing"]);
    expect(
      metadataProblems({ ...pkg, repository: { type: "git", url: "git+https://github.com/your-org/x.git" } }),
    ).toEqual(["repository looks made up: https://github.com/your-org/x.git"]);
    expect(metadataProblems({ ...pkg, homepage: "http://applivery.example.com" })[0]).toMatch(/homepage is not https/);
    expect(metadataProblems({ ...pkg, bugs: { url: "https://example.com/issues" } })[0]).toMatch(/bugs looks made up/);
    expect(metadataProblems({ ...pkg, bugs: { email: "maintainers@applivery-mdm-openapi.dev" } })).toEqual([]);
    expect(metadataProblems({ ...pkg, repository: "https://git.sr.ht/~someone/applivery-mdm-openapi" })).toEqual([]);
    expect(metadataProblems({ ...pkg, private: true })).toEqual(["private is true: npm refuses to publish"]);
  });

  it("the changelog documents the version, and every earlier version has its tag", () => {
    const changelog = readFileSync(repoPath("CHANGELOG.md"), "utf8");
    expect(changelogVersions(changelog)).toContain(pkg.version);
    expect(changelogProblems(changelog, String(pkg.version), () => false)).toEqual([]);

    const later = `# x\n\n## 0.2.0\n\n### Minor Changes\n\n- a\n\n## 0.1.0\n\n- b\n`;
    expect(changelogProblems(later, "0.2.0", (tag) => tag === "v0.1.0")).toEqual([]);
    expect(changelogProblems(later, "0.2.0", () => false)).toEqual([
      "0.1.0 is in CHANGELOG.md but has no tag v0.1.0: tag the commit it was published from",
    ]);
    expect(changelogProblems(later, "0.3.0", () => true)).toEqual([
      'CHANGELOG.md has no "## 0.3.0" section: run npx changeset version',
    ]);
  });

  it("version arithmetic: a 0.x major goes to 1.0.0; the breaking bump is minor in 0.x, major from 1.0.0", () => {
    expect(bumpVersion("0.1.0", "major")).toBe("1.0.0");
    expect(bumpVersion("0.1.3", "minor")).toBe("0.2.0");
    expect(bumpVersion("1.2.3", "patch")).toBe("1.2.4");
    expect(bumpVersion("1.2.3", "none")).toBe("1.2.3");
    expect(isBreakingBump("0.1.0", "0.2.0")).toBe(true);
    expect(isBreakingBump("0.1.0", "0.1.1")).toBe(false);
    expect(isBreakingBump("0.1.0", "1.0.0")).toBe(true);
    expect(isBreakingBump("1.4.0", "1.5.0")).toBe(false);
    expect(isBreakingBump("1.4.0", "2.0.0")).toBe(true);
    expect(breakingBumpFor("0.9.0")).toBe("minor");
    expect(breakingBumpFor("1.0.0")).toBe("major");
  });
});
