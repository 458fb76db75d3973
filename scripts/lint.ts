// npm run lint: Redocly (recommended + stricter rules, redocly.yaml) and Spectral (spectral:oas,
// OWASP and the project's rules, .spectral.yaml), each run once over the source spec and the
// bundle. The bar is zero findings of any severity; waivers live in the tools' configs.
import { scriptArgs } from "./lib/cli.js";
import { lintFindings } from "./lib/lint.js";

scriptArgs();

const findings = await lintFindings();
for (const f of findings) console.error(`  ${f.tool} ${f.severity} ${f.rule}: ${f.message} (${f.file} ${f.where})`);
for (const tool of ["redocly", "spectral"] as const) {
  const n = findings.filter((f) => f.tool === tool).length;
  console.log(`${tool} lint spec/openapi.yaml and generated/openapi.yaml: ${n} findings`);
}
if (findings.length > 0) {
  console.error("lint failed: the project allows no errors and no warnings");
  process.exit(1);
}
