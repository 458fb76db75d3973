// npm run bundle: spec/ into one document, written as generated/openapi.yaml and generated/openapi.json.
import { writeFileSync } from "node:fs";
import { bundleJson, bundleSpec, bundleYaml } from "./lib/bundle.js";
import { repoPath } from "./lib/spec.js";

const document = await bundleSpec();
writeFileSync(repoPath("generated/openapi.yaml"), bundleYaml(document));
writeFileSync(repoPath("generated/openapi.json"), bundleJson(document));
console.log("generated/openapi.yaml and generated/openapi.json written");
