// The command line of an npm script (`npm run <script> -- …`), parsed strictly: `--help` prints the
// script's header comment (its usage) and exits 0; an unknown option or an unexpected argument exits
// 2 with an error that names it, so nothing a user types is silently ignored.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";

/** The leading `//` comment of a script file, without the comment markers. */
export function headerComment(source: string): string {
  const lines: string[] = [];
  for (const line of source.split("\n")) {
    if (!line.startsWith("//")) break;
    lines.push(line.replace(/^\/\/ ?/, ""));
  }
  return lines.join("\n");
}

/** The script's arguments, parsed by `config` (strict), and `--help`. */
export function scriptArgs<const T extends ParseArgsConfig>(config = {} as T) {
  const [script = "", ...args] = process.argv.slice(1);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(headerComment(readFileSync(script, "utf8")));
    process.exit(0);
  }
  try {
    return parseArgs<T>({ ...config, args, strict: true });
  } catch (error) {
    console.error(`${basename(script)}: ${(error as Error).message} (--help prints the usage)`);
    process.exit(2);
  }
}
