// CHANGELOG.md against the version about to be published and the release tags: the version has
// its section (written by `changeset version`), and every earlier version in it was tagged `v…`
// when it was published, so that check:breaking compares with the last release and not with
// something older.

/** The versions CHANGELOG.md has a `## x.y.z` section for, newest first. */
export const changelogVersions = (changelog: string): string[] =>
  [...changelog.matchAll(/^## (\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\s*$/gm)].map((match) => match[1] ?? "");

/** Every problem; empty when the changelog is ready for `version`. */
export function changelogProblems(changelog: string, version: string, hasTag: (tag: string) => boolean): string[] {
  const versions = changelogVersions(changelog);
  const problems: string[] = [];
  if (!versions.includes(version))
    problems.push(`CHANGELOG.md has no "## ${version}" section: run npx changeset version`);
  for (const earlier of versions.filter((v) => v !== version)) {
    if (!hasTag(`v${earlier}`)) {
      problems.push(`${earlier} is in CHANGELOG.md but has no tag v${earlier}: tag the commit it was published from`);
    }
  }
  return problems;
}
