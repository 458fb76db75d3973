// The client tests' view of the spec: for every operation of the bundle, the request and answers
// its own examples give (path parameter examples, the first request-body example, the 200 example's
// data, an error example with its status). Derived from the spec, never listed by hand.
import { type AppliveryOperations, operationTable } from "../../generated/client.js";
import { isObject } from "../../scripts/lib/json.js";
import type { MediaType, Response as SpecResponse } from "../../scripts/lib/openapi.js";
import { loadBundle, operations, resolvePointer } from "../../scripts/lib/spec.js";
import type { FetchSurface } from "../../src/index.js";

export type OperationId = keyof typeof operationTable;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface OperationCase {
  operationId: OperationId;
  method: Method;
  /** The path template. */
  path: string;
  /** An example value of each path parameter (from the spec). */
  pathValues: Record<string, string>;
  /** An example value of each query parameter (from the spec); empty when the operation has none. */
  query: Record<string, string | number | boolean>;
  /** The first example of the JSON request body, or undefined when the operation takes none. */
  body: unknown;
  /** The `data` of the 200 response's example (its first, the one a mock answers by default). */
  data: unknown;
  /** The `data` of every example of the 200 response, in document order. */
  dataExamples: unknown[];
  /** An error envelope from the examples of a documented error response, and that status. */
  error: { status: number; envelope: { status: false; error: { code: number; message: string } } };
  /** Whether the 200 data is a page: it has an `items` array in the spec. */
  list: boolean;
  /** Whether the operation creates tokens in bulk (its data is counts). */
  bulk: boolean;
}

const firstExample = (media: MediaType | undefined): unknown => {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first?.value;
};

/** Every example value of a media type: its lone `example`, or each of its named `examples`. */
const allExamples = (media: MediaType | undefined): unknown[] => {
  if (!media) return [];
  if (media.example !== undefined) return [media.example];
  return Object.values(media.examples ?? {}).map((example) => example.value);
};

const json = (response: SpecResponse | undefined): MediaType | undefined => response?.content?.["application/json"];

function buildCases(): OperationCase[] {
  const bundle = loadBundle();
  return operations(bundle).map(({ operationId, method, path, operation }) => {
    if (!(operationId in operationTable)) throw new Error(`${operationId} is not in the generated operationTable`);
    const pathValues: Record<string, string> = {};
    const query: Record<string, string | number | boolean> = {};
    for (const parameter of operation.parameters) {
      const example = parameter.example ?? parameter.schema?.examples?.[0];
      if (parameter.in === "path") pathValues[parameter.name] = String(example);
      if (parameter.in === "query" && ["string", "number", "boolean"].includes(typeof example))
        query[parameter.name] = example as string | number | boolean;
    }
    const success = firstExample(json(operation.responses["200"]));
    if (!isObject(success) || !("data" in success))
      throw new Error(`${operationId}: the 200 example is not an envelope`);
    const errorEntry = Object.entries(operation.responses).find(([status]) => status !== "200");
    if (!errorEntry) throw new Error(`${operationId} documents no error response`);
    const errorEnvelope = firstExample(json(errorEntry[1])) as OperationCase["error"]["envelope"];
    const itemsType = resolvePointer(
      json(operation.responses["200"])?.schema,
      "/properties/data/properties/items/type",
    );
    return {
      operationId: operationId as OperationId,
      method: method.toUpperCase() as Method,
      path,
      pathValues,
      query,
      body: firstExample(operation.requestBody?.content["application/json"]),
      data: success.data,
      dataExamples: allExamples(json(operation.responses["200"])).map((example) =>
        isObject(example) ? example.data : undefined,
      ),
      error: { status: Number(errorEntry[0]), envelope: errorEnvelope },
      list: itemsType === "array",
      bulk: operationTable[operationId as OperationId].bulk,
    };
  });
}

/** Every operation of the spec, with its examples. */
export const operationCases: readonly OperationCase[] = buildCases();

/** The operations that take a JSON body. */
export const bodyCases = operationCases.filter((c) => c.body !== undefined);
/** The operations whose 200 data is a page of items. */
export const listCases = operationCases.filter((c) => c.list);
/** The operations sent with POST. */
export const postCases = operationCases.filter((c) => c.method === "POST");

/** The arguments of an operation method for a case: path parameters, query, body. */
export function argsOf(c: OperationCase, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...c.pathValues,
    ...(Object.keys(c.query).length > 0 ? { query: c.query } : {}),
    ...(c.body === undefined ? {} : { body: structuredClone(c.body) }),
    ...extra,
  };
}

/** The path with the case's example path values put in (encoded). */
export const expandedPath = (c: OperationCase, values: Record<string, string> = c.pathValues): string =>
  c.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));

/** An operation method of a client, typed loosely so that every operation can be called alike. */
export type LooseMethod = (args: Record<string, unknown>) => Promise<unknown>;

/** The method of `client` for an operation. */
export const methodOf = (client: AppliveryOperations, operationId: OperationId): LooseMethod =>
  client[operationId] as unknown as LooseMethod;

/** Data the operation may answer with and resolve to: the example's, with no failed tokens for a bulk one. */
export function successData(c: OperationCase): unknown {
  if (!c.bulk || !isObject(c.data)) return structuredClone(c.data);
  return { ...c.data, success: c.data.total, fail: 0 };
}

/** What client.GET, client.POST, … resolve to, as far as the tests read it. */
export interface LooseResult {
  data?: unknown;
  error?: unknown;
  response: Response;
  operation: string;
}

/** client.GET, client.POST, …, typed loosely so that every operation can be called alike. */
export type LooseFetchCall = (path: string, init?: Record<string, unknown>) => Promise<LooseResult>;

/** The openapi-fetch call of `client` for an operation's method. */
export const fetchCallOf = (client: FetchSurface, method: Method): LooseFetchCall =>
  client[method] as unknown as LooseFetchCall;

/** openapi-fetch's init for a case: params (path, query) and body. */
export function initOf(c: OperationCase, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    params: { path: { ...c.pathValues }, ...(Object.keys(c.query).length > 0 ? { query: { ...c.query } } : {}) },
    ...(c.body === undefined ? {} : { body: structuredClone(c.body) }),
    ...extra,
  };
}

/** The first operation (in document order) that `where` accepts; throws when the spec has none. */
export function anOperation(where: (c: OperationCase) => boolean = () => true): OperationCase {
  const found = operationCases.find(where);
  if (!found) throw new Error("the spec has no such operation");
  return found;
}
