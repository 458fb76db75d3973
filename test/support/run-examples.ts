// Runs example modules one after another in this process, as `node --import tsx <this> <results>
// <file>…` (with test/support/mock-preload.ts imported too when they run against the mock), and
// writes to <results> one entry per file: null, or what it threw. One process for many examples:
// each import is the example's whole run, its top-level await included.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [results, ...files] = process.argv.slice(2);
if (!results) throw new Error("usage: run-examples <results.json> <file>…");
const thrown: Record<string, string | null> = {};
for (const file of files) {
  try {
    await import(pathToFileURL(file).href);
    thrown[file] = null;
  } catch (error) {
    thrown[file] = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  writeFileSync(results, JSON.stringify(thrown));
}
