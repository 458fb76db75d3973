// npm run check:generated: regenerates generated/ (and the README's table of operations) and fails
// when the result differs from what git has committed. generated/ is committed machine output, so a
// stale copy is a bug.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { scriptArgs } from "./lib/cli.js";
import { repoPath } from "./lib/spec.js";

scriptArgs();

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

const readme = readFileSync(repoPath("README.md"), "utf8");
run("npm", ["run", "-s", "bundle"]);
run("npm", ["run", "-s", "generate"]);
if (readFileSync(repoPath("README.md"), "utf8") !== readme) {
  console.error("README.md's table of operations was stale: `npm run generate` has rewritten it; commit README.md.");
  process.exit(1);
}
const changes = run("git", ["status", "--porcelain", "--untracked-files=all", "--", "generated/"]).trim();
if (changes) {
  console.error("generated/ is stale (regenerated output differs from the committed files):");
  console.error(changes);
  console.error(run("git", ["--no-pager", "diff", "--stat", "--", "generated/"]));
  console.error("Run `npm run build` and commit generated/.");
  process.exit(1);
}
console.log("generated/ matches the committed files");
