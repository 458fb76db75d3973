// What each vendor page prints (spec/sources/<operationId>.json), read as JSON Schema. Says nothing
// the page does not: no closedness, no format unless printed. A file transcribes one rendering of
// the page in full and, under `renderings`, what other renderings of it (another public copy, a
// newer layout) were seen to print: only the parts seen, each compared with the spec on its own.
import { readdirSync, readFileSync } from "node:fs";
import type { Parameter, Schema } from "../openapi.js";
import { repoPath } from "../spec.js";
import { convertDump } from "./joi.js";
import { PARTIAL } from "./normalize.js";

/** A field of a page's parameter, body-table or response list, as transcribed (spec/sources/README.md). */
export interface PageField {
  type: string;
  presence: "required" | "optional";
  description?: string;
  printed?: string[];
  values?: unknown[];
  fields?: Record<string, PageField>;
  /** `false` when rows of `fields` after the last one transcribed were not seen (a page cut off). */
  complete?: boolean;
}

export interface PageEndpoint {
  where: string;
  method: string;
  path?: string;
  url?: string;
}

export type PageParameter = PageField & { name: string };
export type PageResponses = Record<string, Record<string, PageField>>;

/** One page's transcription: the rendering transcribed in full, and what other renderings add. */
export interface Source {
  operationId: string;
  /** The public address of the page this transcription comes from. */
  url: string;
  title: string | null;
  permission: string | null;
  auth: string;
  endpoints: PageEndpoint[];
  parameters: PageParameter[];
  /** The Joi dump, or `null` for a page seen to have no body; absent when the page types its body in `body` or prints it only as an example. */
  requestBody?: { joi: unknown; table: Record<string, PageField> | null } | null;
  /** A typed body table, as the newer pages print it (see {@link Rendering}). */
  body?: Rendering["body"];
  /** The response field lists; `null` when printed as examples only; absent when the page was cut off before them. */
  responses?: PageResponses | null;
  notes?: string[];
  renderings?: Rendering[];
}

/**
 * Another rendering of the same page, as far as it could be read. A part left out was not seen
 * (it is not compared); a part given is what that rendering prints. `body` is a typed table of the
 * body's fields; `complete: false` when rows after the last one transcribed were not seen.
 */
export interface Rendering {
  /** kebab-case, unique within the file; differences found in it are reported as `<operationId>@<id>`. */
  id: string;
  url: string;
  /** What of this rendering could be read, and how it differs from the one transcribed in full. */
  seen: string;
  title?: string | null;
  permission?: string | null;
  auth?: string;
  endpoints?: PageEndpoint[];
  parameters?: PageParameter[];
  body?: { fields: Record<string, PageField>; complete: boolean };
  responses?: PageResponses | null;
  notes?: string[];
}

/**
 * What one rendering of a page prints, in the terms the comparison reads: `undefined` for a part
 * not seen, `null` (or an empty list) for a part seen to be missing.
 */
export interface Page {
  operationId: string;
  /** The rendering's id; undefined for the rendering the file transcribes in full. */
  rendering?: string;
  url: string;
  permission?: string | null;
  auth?: string;
  endpoints?: PageEndpoint[];
  parameters?: PageParameter[];
  requestBody?: Source["requestBody"];
  /** A typed body table. */
  body?: Rendering["body"];
  responses?: PageResponses | null;
}

const PUBLIC_URL = /^https:\/\/[a-z0-9.-]+\.[a-z]+\/\S*$/;

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
    const ids = new Set<string>();
    for (const { id, url } of [{ id: "", url: source.url }, ...(source.renderings ?? [])]) {
      if (typeof url !== "string" || !PUBLIC_URL.test(url)) {
        throw new Error(
          `spec/sources/${file}: ${id ? `rendering ${id}` : "the page"} needs the public https URL it transcribes`,
        );
      }
      if (ids.has(id) || (id !== "" && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))) {
        throw new Error(`spec/sources/${file}: rendering id ${JSON.stringify(id)} must be unique and kebab-case`);
      }
      ids.add(id);
    }
    if (source.requestBody !== undefined && source.body !== undefined) {
      throw new Error(
        `spec/sources/${file}: a page transcribes its body once, as requestBody (a dump) or as body (a table)`,
      );
    }
    sources[source.operationId] = source;
  }
  return sources;
}

/** Every rendering of a page that the check compares: the one transcribed in full, then the others. */
export function pagesOf(source: Source): Page[] {
  const { operationId } = source;
  const full: Page = {
    operationId,
    url: source.url,
    permission: source.permission,
    auth: source.auth,
    endpoints: source.endpoints,
    parameters: source.parameters,
    ...(source.requestBody === undefined ? {} : { requestBody: source.requestBody }),
    ...(source.body === undefined ? {} : { body: source.body }),
    ...(source.responses === undefined ? {} : { responses: source.responses }),
  };
  const others = (source.renderings ?? []).map(
    ({ id, url, permission, auth, endpoints, parameters, body, responses }): Page => ({
      operationId,
      rendering: id,
      url,
      ...(permission === undefined ? {} : { permission }),
      ...(auth === undefined ? {} : { auth }),
      ...(endpoints === undefined ? {} : { endpoints }),
      ...(parameters === undefined ? {} : { parameters }),
      ...(body === undefined ? {} : { body }),
      ...(responses === undefined ? {} : { responses }),
    }),
  );
  return [full, ...others];
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
  if (["string", "integer", "number", "boolean", "object", "array"].includes(type)) return { type };
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
  if (field.fields) Object.assign(target, fieldsToObject(field.fields, at, field.complete ?? true));
  return own;
}

/**
 * A printed field list as an object schema (open: the pages say nothing about extra fields). A list
 * cut off (`complete` false) is marked {@link PARTIAL}: only the fields it lists are compared.
 */
export function fieldsToObject(fields: Record<string, PageField>, at = "", complete = true): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (field.presence !== "optional" && field.presence !== "required") {
      throw new Error(`${at}/${name}: presence must be optional or required`);
    }
    properties[name] = fieldToSchema(field, `${at}/${name}`);
    if (field.presence === "required") required.push(name);
  }
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(complete ? {} : { [PARTIAL]: true }),
  };
}

/** What a page documents about its operation, in the spec's terms; `undefined` where the rendering was not seen. */
export interface DocumentedOperation {
  parameters?: Parameter[];
  body?: Schema | null;
  responses?: Record<string, Schema> | null;
}

export function sourceOperation(page: Page): DocumentedOperation {
  const templates = (page.endpoints ?? []).map((endpoint) => endpoint.path ?? endpoint.url ?? "");
  // The pages list both kinds together; a name in the path template is a path parameter, and so is
  // organizationId, the one path parameter of every operation, on a rendering whose path was not seen.
  const inPath = (name: string) =>
    templates.some((template) => template.includes(`{${name}}`) || template.includes(`:${name}`)) ||
    (page.endpoints === undefined && name === "organizationId");
  const parameters = page.parameters?.map(
    ({ name, ...field }): Parameter => ({
      name,
      in: inPath(name) ? "path" : "query",
      required: field.presence === "required",
      schema: fieldToSchema(field, `parameters/${name}`),
    }),
  );
  const body =
    page.body !== undefined
      ? fieldsToObject(page.body.fields, "body", page.body.complete)
      : page.requestBody === undefined
        ? undefined
        : page.requestBody && bodySchema(page.requestBody);
  return {
    ...(parameters === undefined ? {} : { parameters }),
    ...(body === undefined ? {} : { body }),
    ...(page.responses === undefined ? {} : { responses: page.responses && responseSchemas(page.responses) }),
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
