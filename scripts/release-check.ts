// npm run release:check: everything that must hold before `npm publish`, one line per step (ok or
// FAIL, with what it checked), then the output of each failed step. Every step runs, so one run
// shows every problem; exits 1 when any failed. It never publishes (npm publish --dry-run only).
//
//   build, check:generated, publint, attw, size budget, packed files, git install (of HEAD, in a
//   temporary project), metadata, changelog, check:breaking (redocly diff against the last v*
//   tag, or the first commit), npm publish --dry-run
import { scriptArgs } from "./lib/cli.js";
import { STEPS, type StepResult } from "./lib/release/steps.js";

scriptArgs();

const failed: { name: string; result: StepResult }[] = [];
const width = Math.max(...STEPS.map((step) => step.name.length));
for (const step of STEPS) {
  const started = performance.now();
  let result: StepResult;
  try {
    result = await step.run();
  } catch (error) {
    result = {
      ok: false,
      detail: (error as Error).message.split("\n")[0] ?? "",
      output: String((error as Error).stack),
    };
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${result.ok ? "ok  " : "FAIL"}  ${step.name.padEnd(width)}  ${result.detail} [${seconds} s]`);
  if (!result.ok) failed.push({ name: step.name, result });
}

for (const { name, result } of failed) {
  const lines = (result.output ?? "").trimEnd().split("\n");
  const shown = lines.length > 80 ? ["…", ...lines.slice(-80)] : lines;
  console.log(`\n--- ${name}\n${shown.map((line) => `    ${line}`).join("\n")}`);
}
console.log(failed.length === 0 ? "\nrelease:check: ok" : `\nrelease:check: ${failed.length} step(s) failed`);
process.exit(failed.length === 0 ? 0 : 1);
