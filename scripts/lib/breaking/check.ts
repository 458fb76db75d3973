// check:breaking as a function: bundle the spec at the base ref and in the working tree, compare
// them (./diff.ts), and decide whether the release may carry the breaking changes.
import { join } from "node:path";
import { bundleSpec } from "../bundle.js";
import { type ReleaseVerdict, releaseVerdict } from "./changesets.js";
import { type Change, diffBundles, isBreaking } from "./diff.js";
import { type Base, bundleAtRef, defaultBase, resolveRef } from "./git.js";
import { report } from "./report.js";

export interface BreakingResult {
  base: Base;
  changes: Change[];
  verdict: ReleaseVerdict;
  /** False when a breaking change is not covered by a breaking bump. */
  ok: boolean;
  lines: string[];
}

/**
 * Compares the spec of `root` (a git repository with spec/, redocly.yaml and package.json) at
 * `base` (default: the last release tag, or the first commit) with its working tree.
 */
export async function checkBreaking(root: string, base?: string): Promise<BreakingResult> {
  // A ref given on the command line is taken as a release: the rule applies in full.
  const chosen: Base = base ? { ref: base, why: "given", released: true } : defaultBase(root);
  resolveRef(root, chosen.ref);
  const before = await bundleAtRef(root, chosen.ref);
  const after = await bundleSpec(join(root, "spec/openapi.yaml"), join(root, "redocly.yaml"));
  const changes = await diffBundles(before, after);
  const verdict = await releaseVerdict(root, chosen);
  const ok = verdict.breakingAllowed || !changes.some(isBreaking);
  return { base: chosen, changes, verdict, ok, lines: report(changes, before, after, chosen, verdict) };
}
