// npm run generate: everything in generated/ that follows from the bundle and the ledger.
//   generated/schema.ts     openapi-typescript's types of the bundle
//   generated/client.ts     named types, the operation table and the operation methods' types
//   generated/answers.ts    the documented statuses and example names of each operation (for the mock)
//   generated/ledger.md     the ledger, with the source differences each entry explains
//   README.md               its table of operations (between its operations markers)
import { readFileSync, writeFileSync } from "node:fs";
import { scriptArgs } from "./lib/cli.js";
import { answersModule } from "./lib/codegen/answers.js";
import { clientModule } from "./lib/codegen/client.js";
import { renderLedger } from "./lib/codegen/ledger-markdown.js";
import { withOperationsTable } from "./lib/codegen/readme.js";
import { schemaTypes } from "./lib/codegen/types.js";
import { checkDrift } from "./lib/drift/check.js";
import { loadSources } from "./lib/drift/sources.js";
import { loadLedger } from "./lib/ledger.js";
import { loadBundle, repoPath } from "./lib/spec.js";

scriptArgs();

const bundle = loadBundle();
const ledger = loadLedger();
const drift = checkDrift({ bundle, sources: loadSources(), ledger });
const files: Record<string, string> = {
  "generated/schema.ts": await schemaTypes(bundle),
  "generated/client.ts": clientModule(bundle),
  "generated/answers.ts": answersModule(bundle),
  "generated/ledger.md": renderLedger(ledger, drift),
};
files["README.md"] = withOperationsTable(readFileSync(repoPath("README.md"), "utf8"), bundle);
for (const [file, text] of Object.entries(files)) writeFileSync(repoPath(file), text);
console.log(
  `${Object.keys(files).join(", ")} written (${ledger.entries.length} ledger entries, ${drift.differences.length} source differences)`,
);
