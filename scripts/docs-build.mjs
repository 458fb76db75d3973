// Builds the API reference: one self-contained HTML page, dist/docs/index.html, rendered by
// `redocly build-docs` (Redoc) from the bundle, with the Redoc scripts inlined. Prints its size and
// how long the build took.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { ROOT, loadBundle } from "./lib/spec.mjs";

const output = new URL("dist/docs/index.html", ROOT);
const redoc = {
  sortRequiredPropsFirst: true,
  jsonSamplesExpandLevel: 3,
  // Redoc shows only the x-codeSamples whose label (or lang) is in this list; "Payload" is the
  // request body of the example selected above the samples.
  codeSamples: {
    languages: [{ lang: "curl" }, { lang: "TypeScript", label: "TypeScript client" }, { lang: "Payload" }],
  },
};

const started = performance.now();
const run = spawnSync(
  new URL("node_modules/.bin/redocly", ROOT).pathname,
  [
    "build-docs",
    "generated/openapi.yaml",
    "--output",
    output.pathname,
    "--inlineBundle",
    "--template",
    "scripts/docs-template.hbs",
    `--templateOptions.description=${loadBundle().info.summary}`,
    "--openapi",
    JSON.stringify(redoc),
  ],
  {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  throw new Error(`redocly build-docs exited with ${run.status}`);
}

// Redoc's sidebar credit loads the Redocly logo from a CDN. Inline a small text logo instead, so
// that the page makes no request at all (and works offline without a failed-load error).
const REDOCLY_LOGOS = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg",
];
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

const seconds = (performance.now() - started) / 1000;
const bytes = Buffer.byteLength(html);
const gzipped = gzipSync(html, { level: 9 }).length;
console.log(
  `dist/docs/index.html: ${bytes} bytes (${gzipped} gzipped), built in ${seconds.toFixed(2)} s`,
);
