// Lints the source spec and the bundle with Redocly and Spectral. Fails on any error or warning:
// the project's bar is zero problems of either severity (waivers live in the tools' configs).
import { spawnSync } from "node:child_process";

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
let failed = false;

for (const api of ["main", "bundle"]) {
  const run = spawnSync(bin("redocly"), ["lint", api, "--format=json"], { encoding: "utf8", env });
  const start = run.stdout.indexOf("{");
  let report;
  try {
    report = JSON.parse(run.stdout.slice(start));
  } catch {
    console.error(run.stdout, run.stderr);
    throw new Error(`redocly lint ${api}: could not read its JSON report`);
  }
  const { errors, warnings } = report.totals;
  for (const p of report.problems) {
    const where = p.location?.[0];
    console.error(`  ${p.severity} ${p.ruleId}: ${p.message} (${where?.source?.ref ?? ""} ${where?.pointer ?? ""})`);
  }
  console.log(`redocly lint ${api}: ${errors} errors, ${warnings} warnings`);
  if (errors + warnings > 0) failed = true;
}

for (const target of ["spec/openapi.yaml", "generated/openapi.yaml"]) {
  const run = spawnSync(bin("spectral"), ["lint", target, "--fail-severity=hint", "--quiet"], {
    encoding: "utf8",
    env,
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    failed = true;
  }
  console.log(`spectral lint ${target}: ${run.status === 0 ? "0 problems" : "problems found"}`);
}

if (failed) {
  console.error("lint failed: the project allows no errors and no warnings");
  process.exit(1);
}
