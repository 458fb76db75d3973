// generated/client.ts: what the client needs from the spec, written out so the runtime reads no
// spec and hover and declarations show the spec's names.
//   - a named type per schema: an interface for an object schema (so hover shows its name), an alias otherwise;
//   - pathPatterns: per path parameter name, the patterns of its schema;
//   - operationTable: per operationId, the method, path, query names, whether it takes a body, and
//     whether it is a bulk creation (POST on a path ending in /bulk);
//   - ErrorCode: the API's error codes, named from the messages of the spec's error examples;
//   - per operation an Args interface, and AppliveryOperations: one method per operation, named by
//     its operationId, resolving to its envelope's `data`.
import { isObject } from "../json.js";
import type { Document, Schema, SpecOperation } from "../openapi.js";
import { followRef, operations } from "../spec.js";

const RESERVED_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "use", "eject", "paginate"]);
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

/** The one place "bulk" is decided: a POST on a collection's `/bulk` creates several tokens. */
const isBulk = (op: SpecOperation) => op.method === "post" && op.path.endsWith("/bulk");

function operationEntry(op: SpecOperation): string {
  const { operation } = op;
  const entry = {
    method: op.method.toUpperCase(),
    path: op.path,
    query: operation.parameters.filter((p) => p.in === "query").map((p) => p.name),
    body: operation.requestBody !== undefined,
    bulk: isBulk(op),
  };
  return `  ${op.operationId}: ${JSON.stringify(entry)},`;
}

/** Each path parameter's patterns, by name: one set per name (a name with two is refused). */
function pathPatterns(ops: SpecOperation[]): string {
  const patterns: Record<string, string[]> = {};
  for (const op of ops) {
    for (const parameter of op.operation.parameters.filter((p) => p.in === "path")) {
      const own = patternsOf(parameter.schema);
      const seen = patterns[parameter.name];
      if (seen && JSON.stringify(seen) !== JSON.stringify(own))
        throw new Error(`path parameter ${parameter.name} has other patterns in ${op.operationId}`);
      patterns[parameter.name] = own;
    }
  }
  return `export const pathPatterns: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(patterns)};`;
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

/** The API's error codes, each named from its message ("Entity not found" → EntityNotFound). */
function errorCodes(bundle: Document): string[] {
  const codes = new Map<number, string>();
  for (const example of Object.values(bundle.components?.examples ?? {})) {
    const error = (example as { value?: { status?: unknown; error?: { code?: unknown; message?: unknown } } }).value;
    const { code, message } = error?.error ?? {};
    if (error?.status === false && typeof code === "number" && typeof message === "string") codes.set(code, message);
  }
  const lines = [...codes]
    .sort(([a], [b]) => a - b)
    .map(([code, message]) => {
      const name = message
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join("");
      return `  /** ${code}: ${message} */\n  ${name}: ${code},`;
    });
  return [
    "/** The API's error codes (`error.code` of the error envelope, not HTTP statuses), named from the messages the API documents. */",
    "export const ErrorCode = {",
    ...lines,
    "} as const;",
    "",
  ];
}

export function clientModule(bundle: Document): string {
  const components = bundle.components?.schemas ?? {};
  const ops = operations(bundle);
  const out: string[] = [
    "/**",
    " * Generated by npm run generate from generated/openapi.json. Do not edit by hand.",
    " */",
    'import type { OperationTable } from "../src/types.js";',
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

  out.push("", ...errorCodes(bundle));
  out.push(
    "",
    "// ---- The operations",
    "",
    "/** Per path parameter: the patterns its value must match one of (from its schema). */",
    pathPatterns(ops),
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
      `Resolves to the envelope's \`data\`; rejects with an {@link AppliveryError}${isBulk(op) ? " (an AppliveryBulkError when `fail > 0`)" : ""}.`,
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
