// The three generators the bench compares, as CLI invocations on the bundled spec. Each writes to
// `out` (a temporary directory); `output` is the file or directory it writes.
import { join } from "node:path";
import { bin, version } from "./workspace.mjs";

export function generators(spec, out) {
  return [
    {
      name: `openapi-typescript ${version("openapi-typescript")} (ours)`,
      emits: "types only (`paths`, `components`, root types); runtime is openapi-fetch",
      output: join(out, "openapi-typescript", "schema.d.ts"),
      // The options scripts/generate-types.mjs passes to the Node API.
      command: bin("openapi-typescript"),
      args: [spec, "-o", join(out, "openapi-typescript", "schema.d.ts"), "--root-types", "--root-types-no-schema-prefix", "--empty-objects-unknown"],
    },
    {
      name: `@hey-api/openapi-ts ${version("@hey-api/openapi-ts")}`,
      emits: "types, one SDK function per operation, and a copy of its fetch client (its defaults)",
      output: join(out, "hey-api"),
      entry: join(out, "hey-api", "index.ts"),
      command: bin("openapi-ts"),
      args: ["-i", spec, "-o", join(out, "hey-api")],
    },
    {
      name: `orval ${version("orval")} (\`--client fetch\`)`,
      emits: "types and one fetch function per operation, in one file",
      output: join(out, "orval", "api.ts"),
      entry: join(out, "orval", "api.ts"),
      command: bin("orval"),
      args: ["-i", spec, "-o", join(out, "orval", "api.ts"), "--client", "fetch"],
    },
  ];
}
