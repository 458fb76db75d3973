// Whether the release being prepared may break its users: the version it will have (package.json's
// version, bumped by the pending changesets in .changeset/) against the version at the base ref.
// A breaking change needs a breaking bump: a new major version, or, while the major version is 0,
// a new minor version (npm's `^0.1.0` does not accept 0.2.0, so 0.x minors are the breaking ones).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import readChangesets from "@changesets/read";
import { type Base, fileAtRef } from "./git.js";

export type Bump = "major" | "minor" | "patch" | "none";

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** A changeset in .changeset/ not yet consumed by `changeset version`, and the bump it asks for this package. */
export interface PendingChangeset {
  id: string;
  bump: Bump;
}

interface Manifest {
  name: string;
  version: string;
}

const manifest = (text: string): Manifest => {
  const { name, version } = JSON.parse(text) as Partial<Manifest>;
  if (typeof name !== "string" || typeof version !== "string") throw new Error("package.json has no name or version");
  return { name, version };
};

/** The pending changesets that name `name`, each with its bump (`none` when it does not name it). */
export async function pendingChangesets(root: string, name: string): Promise<PendingChangeset[]> {
  if (!existsSync(join(root, ".changeset"))) return [];
  const changesets = await readChangesets(root);
  return changesets.map(({ id, releases }) => ({
    id,
    bump: releases
      .filter((release) => release.name === name)
      .reduce<Bump>((top, release) => (RANK[release.type] > RANK[top] ? release.type : top), "none"),
  }));
}

interface Version {
  major: number;
  minor: number;
  patch: number;
}

function parseVersion(text: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text);
  if (!match) throw new Error(`not a semantic version: ${text}`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** `version` bumped as `changeset version` would (a 0.x major bump goes to 1.0.0). */
export function bumpVersion(version: string, bump: Bump): string {
  const { major, minor, patch } = parseVersion(version);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  if (bump === "patch") return `${major}.${minor}.${patch + 1}`;
  return version;
}

/** Whether going from `from` to `to` tells users that code may break: a major bump, or a minor one in 0.x. */
export function isBreakingBump(from: string, to: string): boolean {
  const a = parseVersion(from);
  const b = parseVersion(to);
  if (b.major !== a.major) return b.major > a.major;
  return a.major === 0 && b.minor > a.minor;
}

/** The bump that marks a breaking change for a package at `version`. */
export const breakingBumpFor = (version: string): Exclude<Bump, "none" | "patch"> =>
  parseVersion(version).major === 0 ? "minor" : "major";

export interface ReleaseVerdict {
  name: string;
  /** package.json's version at the base ref (the working tree's when the ref has none). */
  baseVersion: string;
  currentVersion: string;
  pending: PendingChangeset[];
  /** The version the release will have once the pending changesets are applied. */
  nextVersion: string;
  /** Whether the release may carry breaking changes. */
  breakingAllowed: boolean;
  /** One sentence saying why. */
  reason: string;
}

/**
 * The verdict for a release compared with `base`. When nothing has been released yet (no `v*`
 * tag, so the base is the first commit), no user can be broken: breaking changes are listed, and
 * allowed.
 */
export async function releaseVerdict(root: string, base: Base): Promise<ReleaseVerdict> {
  const current = manifest(readFileSync(join(root, "package.json"), "utf8"));
  const baseText = fileAtRef(root, base.ref, "package.json");
  const baseVersion = baseText ? manifest(baseText).version : current.version;
  const pending = await pendingChangesets(root, current.name);
  const top = pending.reduce<Bump>(
    (bump, changeset) => (RANK[changeset.bump] > RANK[bump] ? changeset.bump : bump),
    "none",
  );
  const nextVersion = bumpVersion(current.version, top);
  const bumped = isBreakingBump(baseVersion, nextVersion);
  const declared = pending
    .filter((changeset) => changeset.bump === top && top !== "none")
    .map((changeset) => changeset.id);
  let reason: string;
  if (bumped) {
    const why = declared.length > 0 ? `pending ${top} changeset ${declared.join(", ")}` : "package.json's version";
    reason = `${baseVersion} → ${nextVersion} is a breaking bump (${why})`;
  } else if (!base.released) {
    reason = `nothing has been released yet (no v* tag), so no user can be broken; once a release is tagged, a breaking change needs a ${breakingBumpFor(nextVersion)} bump`;
  } else {
    reason = `${baseVersion} → ${nextVersion} is not a breaking bump: add a changeset that declares a ${breakingBumpFor(baseVersion)} bump for ${current.name} (npx changeset)`;
  }
  return {
    name: current.name,
    baseVersion,
    currentVersion: current.version,
    pending,
    nextVersion,
    breakingAllowed: bumped || !base.released,
    reason,
  };
}
