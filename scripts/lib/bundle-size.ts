// Bytes a browser consumer ships for an entry: an esbuild bundle (ESM, platform browser, target
// es2022, minified, tree-shaken), gzipped at level 9. One definition for release:check's size
// budget, the consumer test's tree-shaking check and the bench, so they report the same number.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleSize {
  minified: number;
  gzipped: number;
  /** Minified bytes each input contributes: node_modules packages by name, other files by path. */
  parts: Record<string, number>;
}

/**
 * `contents` is the entry's source (e.g. `export * from "./dist/src/index.js"`), resolved from
 * `resolveDir`; `external` lists packages left out.
 */
export async function bundleSize(contents: string, resolveDir: string, external: string[] = []): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external,
    write: false,
    logLevel: "silent",
    metafile: true,
  });
  const code = result.outputFiles[0]?.contents;
  const output = Object.values(result.metafile.outputs)[0];
  if (!code || !output) throw new Error("esbuild produced no output");
  const parts: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    // A package by its name; a file of ours by its path (two modules may share a file name).
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input;
    parts[name] = (parts[name] ?? 0) + bytesInOutput;
  }
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, parts };
}

/**
 * The budget of the main entry's runtime (every export, with openapi-fetch): measured at 20.9 kB
 * minified / 8.1 kB gzipped, of which openapi-fetch is 6.6 kB / 2.6 kB; the rest is headroom that
 * keeps growth from going unnoticed. Checked by release:check.
 */
export const RUNTIME_BUDGET = { minified: 22_000, gzipped: 8_500 };
