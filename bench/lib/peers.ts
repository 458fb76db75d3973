// The generators the bench compares with openapi-typescript, as CLI invocations on the bundled
// spec, and the peer clients they generate: made once per bench run in the workspace
// (`<workspace>/.bench-peers/`), where figure 1 runs hey-api's client and figure 2 weighs both.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { timed } from "./processes.js";
import { bin, version } from "./workspace.js";

export interface Generator {
  name: string;
  /** What it writes. */
  emits: string;
  command: string;
  args: string[];
  /** The file or directory it writes. */
  output: string;
}

/** openapi-typescript (ours), @hey-api/openapi-ts and orval, each writing under `out`. */
export function generators(spec: string, out: string): { ours: Generator; heyApi: Generator; orval: Generator } {
  const typesFile = join(out, "openapi-typescript", "schema.d.ts");
  return {
    ours: {
      name: `openapi-typescript ${version("openapi-typescript")} (ours)`,
      emits: "types only (`paths`, `components`, root types); the runtime is openapi-fetch",
      // The options scripts/lib/codegen/types.ts passes to the Node API.
      command: bin("openapi-typescript"),
      args: [spec, "-o", typesFile, "--root-types", "--root-types-no-schema-prefix", "--empty-objects-unknown"],
      output: typesFile,
    },
    heyApi: {
      name: `@hey-api/openapi-ts ${version("@hey-api/openapi-ts")}`,
      emits: "types, one SDK function per operation, and a copy of its fetch client (its defaults)",
      command: bin("openapi-ts", "generators"),
      args: ["-i", spec, "-o", join(out, "hey-api")],
      output: join(out, "hey-api"),
    },
    orval: {
      name: `orval ${version("orval")} (\`--client fetch\`)`,
      emits: "types and one fetch function per operation, in one file",
      command: bin("orval", "generators"),
      args: ["-i", spec, "-o", join(out, "orval", "api.ts"), "--client", "fetch"],
      output: join(out, "orval", "api.ts"),
    },
  };
}

export interface PeerClients {
  /** hey-api's generated client: its entry (index.ts), and the runtime figure 1 imports. */
  heyApi: { name: string; dir: string; entry: string; runtime: string };
  orval: { name: string; entry: string };
}

const peersDir = (workspace: string): string => join(workspace, ".bench-peers");

/** The peer clients of the workspace (see {@link generatePeerClients}). */
export function peerClients(workspace: string): PeerClients {
  const { heyApi, orval } = generators(join(workspace, "generated", "openapi.json"), peersDir(workspace));
  return {
    heyApi: {
      name: heyApi.name,
      dir: heyApi.output,
      entry: join(heyApi.output, "index.ts"),
      runtime: join(peersDir(workspace), "hey-api.mjs"),
    },
    orval: { name: orval.name, entry: orval.output },
  };
}

/**
 * Generates hey-api's and orval's clients from the workspace's bundle, and compiles hey-api's
 * (TypeScript) into one ES2022 module, as tsc compiles ours, for figure 1 to import.
 */
export async function generatePeerClients(workspace: string): Promise<PeerClients> {
  const { heyApi, orval } = generators(join(workspace, "generated", "openapi.json"), peersDir(workspace));
  for (const peer of [heyApi, orval]) {
    timed(peer.command, peer.args, { cwd: workspace });
    if (!existsSync(peer.output)) throw new Error(`${peer.name} wrote nothing at ${peer.output}`);
  }
  const clients = peerClients(workspace);
  await build({
    stdin: {
      contents: [
        'export { createClient } from "./client/index.js";',
        'export { createAppleEnrollmentToken, listAppleEnrollmentTokens } from "./sdk.gen.js";',
      ].join("\n"),
      resolveDir: clients.heyApi.dir,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    outfile: clients.heyApi.runtime,
    logLevel: "silent",
  });
  return clients;
}
