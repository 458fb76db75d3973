// npm run docs: the API reference as one self-contained HTML page, dist/docs/index.html, rendered by
// `redocly build-docs` (Redoc) from the bundle with the Redoc scripts inlined, and the ledger beside
// it as dist/docs/ledger.html. Prints the page's size and how long the build took.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { marked } from "marked";
import { scriptArgs } from "./lib/cli.js";
import { loadBundle, repoPath } from "./lib/spec.js";
import { runTool } from "./lib/tools.js";

scriptArgs();

const output = repoPath("dist/docs/index.html");
const redoc = {
  sortRequiredPropsFirst: true,
  jsonSamplesExpandLevel: 3,
  // Redoc shows only the x-codeSamples whose label (or lang) is in this list; "Payload" is the
  // request body of the example selected above the samples.
  codeSamples: {
    languages: [
      { lang: "Shell", label: "curl" },
      { lang: "JavaScript", label: "fetch" },
      { lang: "Python", label: "requests" },
      { lang: "TypeScript", label: "TypeScript client" },
      { lang: "Payload" },
    ],
  },
};

const started = performance.now();
mkdirSync(repoPath("dist/docs"), { recursive: true });
const run = runTool("redocly", [
  "build-docs",
  "generated/openapi.yaml",
  "--output",
  output,
  "--inlineBundle",
  "--template",
  "scripts/lib/docs/template.hbs",
  `--templateOptions.description=${loadBundle().info.summary ?? ""}`,
  "--openapi",
  JSON.stringify(redoc),
]);
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  throw new Error(`redocly build-docs exited with ${run.status}`);
}

// Redoc's sidebar credit loads the Redocly logo from a CDN. Inline a small text logo instead, so
// that the page makes no request at all (and works offline without a failed-load error).
const REDOCLY_LOGOS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const logo = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="54" height="16" viewBox="0 0 54 16">' +
    '<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044d4">Redocly</text></svg>',
)}`;
let html = readFileSync(output, "utf8");
for (const url of REDOCLY_LOGOS) {
  if (!html.includes(url)) throw new Error(`the Redoc bundle no longer references ${url}: review this step`);
  html = html.replaceAll(url, logo);
}
writeFileSync(output, html);

// The normalization ledger, next to the reference (the spec's description links `ledger.html`).
const ledger = readFileSync(repoPath("generated/ledger.md"), "utf8").replace("](../spec/ledger.yaml)", "](index.html)");
writeFileSync(
  repoPath("dist/docs/ledger.html"),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Normalization ledger — Applivery MDM enrollment tokens</title>
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.55 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; color: #222; }
code { background: #f3f3f3; padding: 0 .25em; border-radius: 3px; font-size: 90%; overflow-wrap: anywhere; }
table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: .3em .6em; text-align: left; vertical-align: top; }
h3 { margin-top: 2rem; border-top: 1px solid #eee; padding-top: 1rem; }
</style></head>
<body><p><a href="index.html">← API reference</a></p>
${await marked.parse(ledger)}
</body></html>
`,
);

const seconds = (performance.now() - started) / 1000;
const bytes = Buffer.byteLength(html);
const gzipped = gzipSync(html, { level: 9 }).length;
console.log(`dist/docs/index.html: ${bytes} bytes (${gzipped} gzipped), built in ${seconds.toFixed(2)} s`);
