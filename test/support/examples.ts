// Running code as a user would copy it: TypeScript blocks of the README and the docs' TypeScript
// samples are written to module files inside the repository (so `applivery-mdm-openapi` resolves
// to this package, compiled in dist/), type-checked strictly, and run with node against a mock.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoPath } from "../../scripts/lib/spec.js";
import { type Run, run } from "./package.js";

/** Where the example files live while a test runs (gitignored). */
const EXAMPLES_DIR = repoPath(".tmp/examples");

export interface Block {
  /** The line of the opening fence, 1-based. */
  line: number;
  code: string;
}

/** The fenced blocks of a markdown file in one of `languages` (e.g. ts, typescript). */
export function codeBlocks(markdownPath: string, languages: string[]): Block[] {
  const lines = readFileSync(markdownPath, "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i] ?? "");
    if (!open?.[1] || !languages.includes(open[1])) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i] ?? "");
    blocks.push({ line: start + 1, code: `${body.join("\n")}\n` });
  }
  return blocks;
}

/** Writes examples to EXAMPLES_DIR as `<name>.ts` files; returns their paths. */
export function writeExamples(examples: { name: string; code: string }[]): string[] {
  rmSync(EXAMPLES_DIR, { recursive: true, force: true });
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  return examples.map(({ name, code }) => {
    const file = join(EXAMPLES_DIR, `${name}.ts`);
    writeFileSync(file, code);
    return file;
  });
}

/** tsc over the example files: strict, NodeNext, as a consumer compiles (the package from dist/). */
export function typecheck(files: string[]): Run {
  const config = join(EXAMPLES_DIR, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM", "DOM.Iterable"],
        types: ["node"],
        typeRoots: [repoPath("node_modules/@types")],
        skipLibCheck: true,
      },
      files,
    }),
  );
  return run(process.execPath, [repoPath("node_modules/typescript/bin/tsc"), "-p", config, "--pretty", "false"]);
}

/** What each example file threw (null: it ran), or the runner's output when it never got to one. */
export interface ExampleRuns {
  thrown: Record<string, string | null>;
  output: string;
}

/**
 * Runs example files in one node process (TypeScript through tsx), one after another, with
 * `APPLIVERY_TOKEN` set; with `mock`, the package's MSW handlers answer the API's default base URL
 * in that process.
 */
export function runExamples(files: string[], { mock = true }: { mock?: boolean } = {}): ExampleRuns {
  const results = join(EXAMPLES_DIR, `results-${mock ? "mock" : "own"}.json`);
  writeFileSync(results, "{}");
  const imports = [
    repoPath("node_modules/tsx/dist/loader.mjs"),
    ...(mock ? [repoPath("test/support/mock-preload.ts")] : []),
  ];
  const result = run(
    process.execPath,
    [
      ...imports.flatMap((path) => ["--import", `file://${path}`]),
      repoPath("test/support/run-examples.ts"),
      results,
      ...files,
    ],
    repoPath(""),
    { APPLIVERY_TOKEN: "example-token" },
  );
  return { thrown: JSON.parse(readFileSync(results, "utf8")) as Record<string, string | null>, output: result.output };
}
