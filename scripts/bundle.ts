// npm run bundle: spec/ into one document, with each operation's code samples (x-codeSamples, made
// from its examples), written as generated/openapi.yaml and generated/openapi.json.
import { writeFileSync } from "node:fs";
import { bundleJson, bundleSpec, bundleYaml } from "./lib/bundle.js";
import { scriptArgs } from "./lib/cli.js";
import { codeSamples } from "./lib/docs/samples.js";
import { operations, repoPath } from "./lib/spec.js";

scriptArgs();

const document = await bundleSpec();
for (const op of operations(document)) {
  const operation = document.paths[op.path]?.[op.method];
  if (!operation) throw new Error(`${op.operationId}: not in the bundle's paths`);
  if (operation["x-codeSamples"])
    throw new Error(`${op.operationId}: code samples are generated; remove x-codeSamples from spec/`);
  operation["x-codeSamples"] = codeSamples(op, document);
}
writeFileSync(repoPath("generated/openapi.yaml"), bundleYaml(document));
writeFileSync(repoPath("generated/openapi.json"), bundleJson(document));
console.log("generated/openapi.yaml and generated/openapi.json written");
