// Figure 4's consumer code, derived from the spec: one call per operation, made of the operation's
// examples (the request the docs' samples send), each result read at its first required field.
// The same calls are written twice: through the generated methods (`client.getAppleEnrollmentToken({
// … })`) and through openapi-fetch's surface by path template (`client.GET("/organizations/…", { … })`),
// which the bench compiles against bare openapi-fetch and against the package's client.
import { exampleRequest } from "../../scripts/lib/docs/samples.js";
import type { Document, Schema } from "../../scripts/lib/openapi.js";
import { operations } from "../../scripts/lib/spec.js";

const HEADER = "// Written by bench/typecheck/calls.ts from the measured tree's spec: one call per operation.\n";

/** The first required property of an object schema, looking through `allOf`. */
function firstRequired(schema: Schema | undefined): string | undefined {
  return schema?.required?.[0] ?? schema?.allOf?.map(firstRequired).find((name) => name !== undefined);
}

/** The first required property of an envelope's `data` (the envelope is an `allOf` of the shared one and the operation's). */
function dataField(envelope: Schema | undefined): string | undefined {
  const branches = [envelope, ...(envelope?.allOf ?? [])];
  return branches.map((branch) => firstRequired(branch?.properties?.data)).find((name) => name !== undefined);
}

const json = (value: unknown): string => JSON.stringify(value);

/** The two files of calls (`methods` imports ./client-ours.js, `surface` imports ./client.js) and how many calls each makes. */
export function callSources(bundle: Document): { methods: string; surface: string; count: number } {
  const methods: string[] = [];
  const surface: string[] = [];
  for (const op of operations(bundle)) {
    const { path, query, body } = exampleRequest(op);
    const field = dataField(op.operation.responses["200"]?.content?.["application/json"]?.schema);
    const read = field === undefined ? "" : `.${field}`;
    const hasQuery = Object.keys(query).length > 0;
    const args = [
      ...Object.entries(path).map(([name, value]) => `${name}: ${json(value)}`),
      ...(hasQuery ? [`query: ${json(query)}`] : []),
      ...(body === undefined ? [] : [`body: ${json(body)}`]),
    ];
    methods.push(`    (await client.${op.operationId}({ ${args.join(", ")} }))${read},`);
    const params = `params: { path: ${json(path)}${hasQuery ? `, query: ${json(query)}` : ""} }`;
    const init = [params, ...(body === undefined ? [] : [`body: ${json(body)}`])].join(", ");
    surface.push(`    (await client.${op.method.toUpperCase()}(${json(op.path)}, { ${init} })).data?.data${read},`);
  }
  const file = (client: string, calls: string[]) =>
    `${HEADER}import { client } from "${client}";\n\nexport async function calls(): Promise<unknown[]> {\n  return [\n${calls.join("\n")}\n  ];\n}\n`;
  return { methods: file("./client-ours.js", methods), surface: file("./client.js", surface), count: methods.length };
}
