// generated/client.ts: what the client needs from the spec, written out so the runtime reads no
// spec and hover and declarations show the spec's names.
//   - a named type per schema: an interface for an object schema (so hover shows its name), an alias otherwise;
//   - operationTable: per operationId, the method, path, path-parameter patterns, query names,
//     whether it takes a body, whether it is a bulk creation (POST on a path ending in `/bulk`);
//   - per operation an Args interface, and AppliveryOperations: one method per operation, named by
//     its operationId, resolving to its envelope's `data`.
import { isObject } from "../json.js";
import type { Document, Schema, SpecOperation } from "../openapi.js";
import { followRef, operations } from "../spec.js";

const RESERVED_METHODS = new Set(["GET", "POST", "use", "eject"]);
const RESERVED_ARGS = new Set(["query", "body", "signal"]);

const refName = (schema: Schema | undefined) => schema?.$ref?.match(/^#\/components\/schemas\/([^/]+)$/)?.[1];
/** A property name as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
const comment = (lines: string[], indent = "") =>
  [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`.trimEnd()), `${indent} */`].join("\n");
const firstParagraph = (text = "") =>
  text
    .split(/\n\s*\n/)[0]
    ?.replace(/\s+/g, " ")
    .trim() ?? "";

/** Whether a component schema's TypeScript type is an object type an interface can extend. */
function objectLike(schema: Schema, components: Record<string, Schema>): boolean {
  if (schema.anyOf || schema.oneOf || schema.enum || Array.isArray(schema.type)) return false;
  if (schema.type === "object") return true;
  if (schema.allOf) {
    return schema.allOf.every((branch) => {
      const name = refName(branch);
      const target = name ? components[name] : branch;
      return target !== undefined && objectLike(target, components);
    });
  }
  return false;
}

/** The schema name of the `data` of an operation's 200 envelope, looking through allOf and $refs. */
function dataSchemaName(schema: Schema | undefined, bundle: Document, depth = 0): string | undefined {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) return dataSchemaName(followRef(bundle, schema.$ref) as Schema, bundle, depth + 1);
  const data = schema.properties?.data;
  if (data) return refName(data);
  for (const branch of schema.allOf ?? []) {
    const found = dataSchemaName(branch, bundle, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A path parameter's patterns: its own, or one per branch of a union whose every branch has one. */
function patternsOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  if (schema.pattern) return [schema.pattern];
  const branches = schema.anyOf ?? schema.oneOf ?? [];
  const patterns = branches.map((branch) => branch.pattern);
  return branches.length > 0 && patterns.every((p): p is string => typeof p === "string") ? patterns : [];
}

function operationEntry(op: SpecOperation): string {
  const { operation } = op;
  const pathParameters = Object.fromEntries(
    operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, patternsOf(p.schema)]),
  );
  const queryParameters = operation.parameters.filter((p) => p.in === "query").map((p) => p.name);
  const entry = {
    method: op.method.toUpperCase(),
    path: op.path,
    pathParameters,
    queryParameters,
    body: operation.requestBody !== undefined,
    bulk: op.method === "post" && op.path.endsWith("/bulk"),
  };
  return `  ${op.operationId}: ${JSON.stringify(entry)},`;
}

function argsInterface(op: SpecOperation, bundle: Document): { name: string; text: string; bodyType?: string } {
  const id = op.operationId;
  const name = `${pascal(id)}Args`;
  const lines: string[] = [];
  for (const p of op.operation.parameters.filter((p) => p.in === "path")) {
    if (RESERVED_ARGS.has(p.name)) throw new Error(`${id}: a path parameter may not be named ${p.name}`);
    const doc = p.description ? `${comment([p.description.replace(/\s+/g, " ").trim()], "  ")}\n` : "";
    lines.push(
      `${doc}  ${key(p.name)}: operations[${JSON.stringify(id)}]["parameters"]["path"][${JSON.stringify(p.name)}];`,
    );
  }
  if (op.operation.parameters.some((p) => p.in === "query")) {
    lines.push(`  /** Query parameters. */\n  query?: operations[${JSON.stringify(id)}]["parameters"]["query"];`);
  }
  let bodyType: string | undefined;
  const raw = bundle.paths[op.path]?.[op.method]?.requestBody;
  if (op.operation.requestBody) {
    const content = isObject(raw) ? (raw as { content?: Record<string, { schema?: Schema }> }).content : undefined;
    bodyType =
      refName(content?.["application/json"]?.schema) ??
      `NonNullable<operations[${JSON.stringify(id)}]["requestBody"]>["content"]["application/json"]`;
    lines.push(
      `  /** The JSON body. A key it does not list is a compile error, whether the body is written inline or passed as a variable. */\n  body: B & NoExtra<B, ${bodyType}>;`,
    );
  }
  lines.push("  /** Aborts the call. */\n  signal?: AbortSignal;");
  const generic = bodyType ? `<B extends ${bodyType} = ${bodyType}>` : "";
  return {
    name,
    bodyType,
    text: `${comment([`The arguments of {@link AppliveryOperations.${id}}.`])}\nexport interface ${name}${generic} {\n${lines.join("\n")}\n}`,
  };
}

export function clientModule(bundle: Document): string {
  const components = bundle.components?.schemas ?? {};
  const ops = operations(bundle);
  const out: string[] = [
    "/**",
    " * Generated by npm run generate from generated/openapi.json. Do not edit by hand.",
    " */",
    'import type { OperationTable } from "../src/operations.js";',
    'import type { NoExtra } from "../src/types.js";',
    'import type { components, operations } from "./schema.js";',
    "",
    'type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];',
    "",
    "// ---- The spec's schemas, by name",
  ];
  for (const [name, schema] of Object.entries(components)) {
    const doc = firstParagraph(schema.description);
    if (doc) out.push(comment([doc]));
    out.push(
      objectLike(schema, components)
        ? `export interface ${name} extends Schema<${JSON.stringify(name)}> {}`
        : `export type ${name} = Schema<${JSON.stringify(name)}>;`,
    );
  }

  out.push(
    "",
    "// ---- The operations",
    "",
    "/** Per operationId: what the client's methods need to send a call. */",
    "export const operationTable = {",
  );
  for (const op of ops) {
    if (RESERVED_METHODS.has(op.operationId))
      throw new Error(`operationId ${op.operationId} would hide the client's own ${op.operationId}`);
    out.push(operationEntry(op));
  }
  out.push("} as const satisfies OperationTable;", "");

  const methods: string[] = [];
  for (const op of ops) {
    const args = argsInterface(op, bundle);
    out.push(args.text, "");
    const responseSchema = op.operation.responses["200"]?.content?.["application/json"]?.schema;
    // The bundle as written (refs kept), where the response names its schema.
    const rawSchema = bundle.paths[op.path]?.[op.method]?.responses?.["200"]?.content?.["application/json"]?.schema;
    const result =
      dataSchemaName(rawSchema, bundle) ??
      (responseSchema
        ? `operations[${JSON.stringify(op.operationId)}]["responses"][200]["content"]["application/json"]["data"]`
        : "void");
    const permission = op.operation.security?.[0]?.bearerAuth?.[0];
    const doc = [
      `${op.operation.summary ?? op.operationId}: \`${op.method.toUpperCase()} ${op.path}\`.`,
      ...(permission ? [`Required permission: \`${permission}\`.`] : []),
      "",
      firstParagraph(op.operation.description),
      "",
      `Resolves to the envelope's \`data\`; rejects with an {@link AppliveryError}${result === "BulkCreateResult" ? " (an AppliveryBulkError when `fail > 0`)" : ""}.`,
    ];
    const generic = args.bodyType ? `<B extends ${args.bodyType}>` : "";
    methods.push(
      `${comment(doc, "  ")}\n  ${op.operationId}${generic}(args: ${args.name}${generic ? "<B>" : ""}): Promise<${result}>;`,
    );
  }
  out.push(
    "/** The client's operation methods, one per operation of the spec. */",
    "export interface AppliveryOperations {",
    methods.join("\n"),
    "}",
    "",
  );
  return out.join("\n");
}
