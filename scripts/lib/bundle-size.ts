// Bytes a browser consumer ships for an entry: an esbuild bundle (ESM, platform browser, target
// es2022, minified, tree-shaken), gzipped at level 9. One definition for the package's size budget
// test and the bench, so the two report the same number.
import { basename } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleSize {
  minified: number;
  gzipped: number;
  /** Minified bytes each input contributes (node_modules packages grouped by name). */
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
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? basename(input);
    parts[name] = (parts[name] ?? 0) + bytesInOutput;
  }
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, parts };
}
