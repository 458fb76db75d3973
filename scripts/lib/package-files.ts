// What the published package must hold, for release:check: the documents (README and every file it
// links to, the changelog, the licence), the bundled spec and the compiled modules of src/ and
// generated/ — and nothing else.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { repoPath } from "./spec.js";

/** Files shipped as they are in the repository. README.md links to some of them relatively. */
const SHIPPED_DOCUMENTS = [
  "LICENSE",
  "README.md",
  "CHANGELOG.md",
  "BENCHMARKS.md",
  "package.json",
  "generated/ledger.md",
  "generated/openapi.json",
  "generated/openapi.yaml",
  "spec/ledger.yaml",
] as const;

/** Every compiled module of a source folder (`src`, `generated`), as dist paths (.js and .d.ts). */
function compiledFrom(folder: string): string[] {
  return readdirSync(repoPath(folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
    .flatMap((file) => {
      const base = `dist/${folder}/${file.slice(0, -3)}`;
      return [`${base}.js`, `${base}.d.ts`];
    });
}

/** The files `npm pack` must ship, sorted. */
export const expectedPackFiles = (): string[] =>
  [...SHIPPED_DOCUMENTS, ...compiledFrom("src"), ...compiledFrom("generated")].sort();

/** The files `npm pack` ships now (scripts skipped: compile first), sorted. */
export function packedFiles(root = repoPath("")): string[] {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed:\n${result.stderr}`);
  const [packed] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
  if (!packed) throw new Error("npm pack printed no result");
  return packed.files.map((file) => file.path).sort();
}

/**
 * The relative links of a Markdown file (no scheme, no bare `#anchor`), without their `#fragment`:
 * the files a reader of the installed package (or of a CDN's file view) follows.
 */
export function relativeLinks(markdown: string): string[] {
  const links = new Set<string>();
  for (const match of markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1] ?? "";
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
    links.add(target.replace(/#.*$/, "").replace(/^\.\//, ""));
  }
  return [...links].sort();
}

/** README.md's relative links that the package does not ship. */
export function deadReadmeLinks(packed: string[]): string[] {
  return relativeLinks(readFileSync(repoPath("README.md"), "utf8")).filter((link) => !packed.includes(link));
}
