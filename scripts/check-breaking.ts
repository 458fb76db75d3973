// npm run check:breaking -- --base <git-ref>: every change between the spec at <git-ref> and the
// working tree, rated by redocly diff (BREAKING, or the bump it needs), grouped by operation.
// Exits 1 when a change is breaking and the release is not a breaking bump (a pending changeset
// declaring `major`, or `minor` while the version is 0.x), 2 on a usage, git or Redocly error.
//
//   npm run check:breaking                     against the last v* tag, or the first commit
//   npm run check:breaking -- --base v0.1.0    against a given ref
//   npm run check:breaking -- --root <dir>     another checkout (tests)
import { parseArgs } from "node:util";
import { checkBreaking } from "./lib/breaking/check.js";
import { repoPath } from "./lib/spec.js";

let values: { base?: string; root?: string };
try {
  ({ values } = parseArgs({ options: { base: { type: "string" }, root: { type: "string" } }, strict: true }));
} catch (error) {
  console.error(`check:breaking: ${(error as Error).message}\nusage: npm run check:breaking -- [--base <git-ref>]`);
  process.exit(2);
}

try {
  const result = await checkBreaking(values.root ?? repoPath(""), values.base);
  console.log(result.lines.join("\n"));
  process.exit(result.ok ? 0 : 1);
} catch (error) {
  console.error(`check:breaking: ${(error as Error).message}`);
  process.exit(2);
}
