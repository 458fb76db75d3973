// What each vendor page prints (spec/sources/<operationId>.json), read as JSON Schema. Says nothing
// the page does not: no closedness, no format unless printed.
import { readdirSync, readFileSync } from "node:fs";
import type { Parameter, Schema } from "../openapi.js";
import { repoPath } from "../spec.js";
import { convertDump } from "./joi.js";

/** A field of a page's parameter, body-table or response list, as transcribed (spec/sources/README.md). */
export interface PageField {
  type: string;
  presence: "required" | "optional";
  description?: string;
  printed?: string[];
  values?: unknown[];
  fields?: Record<string, PageField>;
}

export interface PageEndpoint {
  where: string;
  method: string;
  path?: string;
  url?: string;
}

/** One page's transcription. */
export interface Source {
  operationId: string;
  url: string;
  title: string | null;
  permission: string | null;
  auth: string;
  endpoints: PageEndpoint[];
  parameters: (PageField & { name: string })[];
  requestBody: { joi: unknown; table: Record<string, PageField> | null } | null;
  responses: Record<string, Record<string, PageField>> | null;
  notes?: string[];
}

/** Every spec/sources/*.json in `dir`, keyed by operationId. */
export function loadSources(dir = repoPath("spec/sources/")): Record<string, Source> {
  const sources: Record<string, Source> = {};
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const source = JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as Source;
    if (`${source.operationId}.json` !== file) {
      throw new Error(`spec/sources/${file}: operationId ${source.operationId} does not match the file name`);
    }
    sources[source.operationId] = source;
  }
  return sources;
}

const PRINTED: [RegExp, (schema: Schema, match: RegExpExecArray) => void][] = [
  [
    /^≤ (\d+) characters$/,
    (s, m) => {
      s.maxLength = Number(m[1]);
    },
  ],
  [
    /^≥ (-?\d+(?:\.\d+)?)$/,
    (s, m) => {
      s.minimum = Number(m[1]);
    },
  ],
  [
    /^≤ (-?\d+(?:\.\d+)?)$/,
    (s, m) => {
      s.maximum = Number(m[1]);
    },
  ],
  [
    /^Format: (\S+)$/,
    (s, m) => {
      s.format = m[1];
    },
  ],
  [
    /^Match pattern: (.+)$/,
    (s, m) => {
      s.pattern = m[1];
    },
  ],
];

function scalarType(type: string, at: string): Schema {
  if (type === "any") return {};
  if (["string", "integer", "number", "boolean", "object"].includes(type)) return { type };
  throw new Error(`${at}: unknown printed type "${type}"`);
}

/** One printed field as a schema. */
export function fieldToSchema(field: PageField, at = ""): Schema {
  const array = /^array \[(\w+)\]$/.exec(field.type);
  const own: Schema = array?.[1] ? { type: "array", items: scalarType(array[1], at) } : scalarType(field.type, at);
  const target = own.items ?? own;
  for (const line of field.printed ?? []) {
    const rule = PRINTED.find(([regex]) => regex.test(line));
    const match = rule?.[0].exec(line);
    if (!rule || !match) throw new Error(`${at}: unknown printed constraint "${line}"`);
    rule[1](target, match);
  }
  if (field.values) target.enum = field.values;
  if (field.fields) Object.assign(target, fieldsToObject(field.fields, at));
  return own;
}

/** A printed field list as an object schema (open: the pages say nothing about extra fields). */
export function fieldsToObject(fields: Record<string, PageField>, at = ""): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (field.presence !== "optional" && field.presence !== "required") {
      throw new Error(`${at}/${name}: presence must be optional or required`);
    }
    properties[name] = fieldToSchema(field, `${at}/${name}`);
    if (field.presence === "required") required.push(name);
  }
  return { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
}

/** What a page documents about its operation, in the spec's terms. */
export interface DocumentedOperation {
  parameters: Parameter[];
  body: Schema | null;
  responses: Record<string, Schema> | null;
}

export function sourceOperation(source: Source): DocumentedOperation {
  const templates = source.endpoints.map((endpoint) => endpoint.path ?? endpoint.url ?? "");
  const inPath = (name: string) =>
    templates.some((template) => template.includes(`{${name}}`) || template.includes(`:${name}`));
  const parameters = source.parameters.map(
    ({ name, ...field }): Parameter => ({
      name,
      // The pages list both kinds together; a name in the path template is a path parameter.
      in: inPath(name) ? "path" : "query",
      required: field.presence === "required",
      schema: fieldToSchema(field, `parameters/${name}`),
    }),
  );
  return {
    parameters,
    body: source.requestBody && bodySchema(source.requestBody),
    responses: source.responses && responseSchemas(source.responses),
  };
}

/** The converted dump, plus the extra top-level keys: typed by the page's table row if it has one, else unconstrained. */
function bodySchema({ joi, table }: NonNullable<Source["requestBody"]>): Schema {
  const { schema, extras } = convertDump(joi);
  const properties: Record<string, Schema> = { ...schema.properties };
  schema.properties = properties;
  for (const [name, printedValue] of Object.entries(extras)) {
    const row = table?.[name];
    properties[name] = row
      ? fieldToSchema(row, `requestBody/${name}`)
      : { $comment: `printed beside the dump as ${JSON.stringify(printedValue)}` };
    if (row?.presence === "required") schema.required = [...(schema.required ?? []), name];
  }
  for (const name of Object.keys(table ?? {})) {
    if (!(name in extras)) throw new Error(`requestBody.table.${name} is not a key printed beside the dump`);
  }
  return schema;
}

function responseSchemas(responses: Record<string, Record<string, PageField>>): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries(responses).map(([status, fields]) => [status, fieldsToObject(fields, `responses/${status}`)]),
  );
}
