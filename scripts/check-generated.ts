// npm run check:generated: regenerates generated/ and fails when the result differs from what git
// has committed. generated/ is committed machine output, so a stale copy is a bug.
import { execFileSync } from "node:child_process";

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

run("npm", ["run", "-s", "bundle"]);
run("npm", ["run", "-s", "generate"]);
const changes = run("git", ["status", "--porcelain", "--untracked-files=all", "--", "generated/"]).trim();
if (changes) {
  console.error("generated/ is stale (regenerated output differs from the committed files):");
  console.error(changes);
  console.error(run("git", ["--no-pager", "diff", "--stat", "--", "generated/"]));
  console.error("Run `npm run build` and commit generated/.");
  process.exit(1);
}
console.log("generated/ matches the committed files");
