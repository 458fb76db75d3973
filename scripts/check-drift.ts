// npm run check:drift: converts what each vendor page prints (spec/sources/) and compares it, field
// by field and constraint by constraint, with the spec as it stands in spec/ (bundled in memory).
// Every difference must be explained by an entry of spec/ledger.yaml that names its pointer, its
// kind and the spec's value there; every such `explains` item must explain at least one difference.
//
//   npm run check:drift             summary; exits 1 on any unexplained difference or stale item
//   npm run check:drift -- --list   also every difference with the entries that explain it
import { bundleSpec } from "./lib/bundle.js";
import { scriptArgs } from "./lib/cli.js";
import { checkDrift, report } from "./lib/drift/check.js";
import { loadSources } from "./lib/drift/sources.js";
import { loadLedger } from "./lib/ledger.js";

const { values } = scriptArgs({ options: { list: { type: "boolean", default: false } } });
const ledger = loadLedger();
const result = checkDrift({ bundle: await bundleSpec(), sources: loadSources(), ledger });
console.log(report(result, ledger, { list: values.list }).join("\n"));
process.exit(result.ok ? 0 : 1);
