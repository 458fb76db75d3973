// Bundling the spec in memory: spec/openapi.yaml with its referenced files, as one document whose
// components hold every shared schema, parameter, response and example. The same function writes
// generated/ (npm run bundle) and feeds the checks that must see the spec as it stands in spec/
// (check:drift, check:breaking), so they never read a stale bundle.
import { bundle, loadConfig, stringifyYaml } from "@redocly/openapi-core";
import type { Document } from "./openapi.js";
import { repoPath } from "./spec.js";

/**
 * The bundle of a spec tree: `root` is its root file (default: this repository's
 * spec/openapi.yaml), `config` the redocly.yaml that goes with it.
 */
export async function bundleSpec(
  root = repoPath("spec/openapi.yaml"),
  config = repoPath("redocly.yaml"),
): Promise<Document> {
  const result = await bundle({ ref: root, config: await loadConfig({ configPath: config }) });
  const problems = result.problems.filter((p) => p.severity === "error");
  if (problems.length > 0) {
    throw new Error(`bundling ${root} failed:\n${problems.map((p) => `  ${p.message}`).join("\n")}`);
  }
  return result.bundle.parsed as Document;
}

/** The bundle as written to generated/openapi.json. */
export const bundleJson = (document: Document): string => `${JSON.stringify(document, null, 2)}\n`;

/** The bundle as written to generated/openapi.yaml. */
export const bundleYaml = (document: Document): string => stringifyYaml(document, { noRefs: true, lineWidth: -1 });
