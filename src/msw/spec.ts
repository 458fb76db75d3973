// What the mock reads from an OpenAPI document: its operations, each classified by what it does to
// the token store (list, create, bulk create, read one, or none of these), with the JSON pointers of
// the schemas that validate its requests and the examples of its documented responses.

import { isObject, type JsonObject } from "../json.js";

/** What an operation does to the state. */
export type OperationKind =
  /** GET whose success data is a page (`items` plus paging fields) of a collection. */
  | "list"
  /** POST with a body whose success data is one entity of the collection at its path. */
  | "create"
  /** POST whose success data is counts (`total`, `success`, `fail`): one entity per item of the body's list. */
  | "bulk"
  /** GET `…/{id}` below a collection: the entity with that id. */
  | "read"
  /** Anything else: answers its first documented success example. */
  | "example";

export interface ParameterSpec {
  name: string;
  in: "path" | "query";
  required: boolean;
  /** JSON pointer of the parameter's schema. */
  schema: string;
  /** Whether the schema is an array (a query parameter that may repeat). */
  array: boolean;
}

/** One documented response example. */
export interface DocumentedResponse {
  operationId: string;
  status: number;
  /** The example's name in the spec (`featureNotAllowed`), or `default` for a lone `example`. */
  example: string;
  /** The response body, as documented. */
  body: unknown;
}

export interface OperationInfo {
  operationId: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The path template, e.g. `/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens`. */
  path: string;
  parameters: ParameterSpec[];
  /** The JSON body's schema pointer, when the operation takes one. */
  body: { schema: string; required: boolean } | undefined;
  /** Whether the operation requires a bearer token (its own `security`, else the document's). */
  secured: boolean;
  kind: OperationKind;
  /** The path template of the collection the operation reads or writes (list, create, bulk, read). */
  collection: string | undefined;
  /** The success status (the first documented 2xx). */
  successStatus: number;
  /** JSON pointer of the success envelope's `data` schema, when it has one. */
  data: string | undefined;
  /** Every documented example of every status, in document order. */
  responses: DocumentedResponse[];
}

/** An OpenAPI document as far as the mock reads it, with pointer-based access. */
export class SpecDocument {
  readonly operations: OperationInfo[];
  readonly byId: ReadonlyMap<string, OperationInfo>;

  constructor(readonly document: JsonObject) {
    this.operations = readOperations(this);
    this.byId = new Map(this.operations.map((op) => [op.operationId, op]));
  }

  /** The node at a JSON pointer (`#/components/schemas/X`), or undefined. */
  at(pointer: string): unknown {
    let node: unknown = this.document;
    for (const token of tokens(pointer)) {
      if (Array.isArray(node)) node = node[Number(token)];
      else if (isObject(node)) node = node[token];
      else return undefined;
    }
    return node;
  }

  /** Follows `$ref`s from `pointer` to the node they end at, and that node's pointer. */
  resolve(pointer: string): { node: unknown; pointer: string } {
    let current = pointer;
    for (let hops = 0; hops < 64; hops++) {
      const node = this.at(current);
      if (!isObject(node) || typeof node.$ref !== "string") return { node, pointer: current };
      current = node.$ref;
    }
    throw new Error(`applivery-mdm-openapi/msw: a $ref cycle at ${pointer}`);
  }

  /**
   * The pointers of each property a schema declares, through `$ref` and `allOf` (a property that
   * several branches declare has several pointers; a value must satisfy each).
   */
  properties(pointer: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const visit = (at: string, depth: number) => {
      if (depth > 32) return;
      const { node, pointer: resolved } = this.resolve(at);
      if (!isObject(node)) return;
      if (isObject(node.properties)) {
        for (const name of Object.keys(node.properties)) {
          const list = found.get(name) ?? [];
          list.push(join(resolved, "properties", name));
          found.set(name, list);
        }
      }
      if (Array.isArray(node.allOf)) {
        for (let i = 0; i < node.allOf.length; i++) visit(join(resolved, "allOf", i), depth + 1);
      }
    };
    visit(pointer, 0);
    return found;
  }

  /** The names of the properties a schema requires, through `$ref` and `allOf`. */
  required(pointer: string): Set<string> {
    const found = new Set<string>();
    const visit = (at: string, depth: number) => {
      if (depth > 32) return;
      const { node, pointer: resolved } = this.resolve(at);
      if (!isObject(node)) return;
      if (Array.isArray(node.required)) {
        for (const name of node.required) if (typeof name === "string") found.add(name);
      }
      if (Array.isArray(node.allOf)) {
        for (let i = 0; i < node.allOf.length; i++) visit(join(resolved, "allOf", i), depth + 1);
      }
    };
    visit(pointer, 0);
    return found;
  }

  /** The most specific pointer of one property (an empty schema `{}` yields to a declared one). */
  property(pointer: string, name: string): string | undefined {
    const candidates = this.properties(pointer).get(name) ?? [];
    const declared = candidates.filter((p) => {
      const { node } = this.resolve(p);
      return isObject(node) && Object.keys(node).some((k) => k !== "description" && k !== "title");
    });
    return declared.at(-1) ?? candidates.at(-1);
  }

  /** The `items` schema pointer of an array schema, through `$ref`. */
  items(pointer: string): string | undefined {
    const { node, pointer: resolved } = this.resolve(pointer);
    return isObject(node) && isObject(node.items) ? join(resolved, "items") : undefined;
  }

  /** The schema with `$ref` followed, as an object (or `{}`). */
  schema(pointer: string): JsonObject {
    const { node } = this.resolve(pointer);
    return isObject(node) ? node : {};
  }
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const escapeToken = (token: string | number) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");
const unescapeToken = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** Appends tokens to a JSON pointer written as a `#/…` fragment. */
export const join = (pointer: string, ...parts: (string | number)[]): string =>
  pointer + parts.map((part) => `/${escapeToken(part)}`).join("");

function tokens(pointer: string): string[] {
  if (pointer === "#" || pointer === "") return [];
  if (!pointer.startsWith("#/")) throw new Error(`applivery-mdm-openapi/msw: only local references: ${pointer}`);
  return pointer.slice(2).split("/").map(unescapeToken);
}

/** The examples of a media type object: named ones, or a lone `example` named `default`. */
function examplesOf(spec: SpecDocument, mediaPointer: string): { name: string; value: unknown }[] {
  const media = spec.schema(mediaPointer);
  if (isObject(media.examples)) {
    return Object.keys(media.examples).map((name) => {
      const example = spec.schema(join(mediaPointer, "examples", name));
      return { name, value: example.value };
    });
  }
  return "example" in media ? [{ name: "default", value: media.example }] : [];
}

function readOperations(spec: SpecDocument): OperationInfo[] {
  const paths = spec.schema("#/paths");
  // A security requirement list demands a token unless it is empty or allows `{}` (anonymous).
  const demandsToken = (requirements: unknown[]) =>
    requirements.length > 0 && requirements.every((r) => isObject(r) && Object.keys(r).length > 0);
  const documentSecured = Array.isArray(spec.document.security) && demandsToken(spec.document.security);
  const found: Omit<OperationInfo, "kind" | "collection">[] = [];
  for (const path of Object.keys(paths)) {
    const itemPointer = join("#/paths", path);
    const item = spec.schema(itemPointer);
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      const opPointer = join(itemPointer, method);
      const op = spec.schema(opPointer);
      if (typeof op.operationId !== "string") {
        throw new Error(`applivery-mdm-openapi/msw: ${method.toUpperCase()} ${path} has no operationId`);
      }
      const parameters = new Map<string, ParameterSpec>();
      const addParameters = (listPointer: string) => {
        const list = spec.at(listPointer);
        if (!Array.isArray(list)) return;
        list.forEach((_, i) => {
          const { node, pointer } = spec.resolve(join(listPointer, i));
          if (!isObject(node) || typeof node.name !== "string") return;
          if (node.in !== "path" && node.in !== "query") return;
          const schema = join(pointer, "schema");
          parameters.set(`${node.in}:${node.name}`, {
            name: node.name,
            in: node.in,
            required: node.required === true || node.in === "path",
            schema,
            array: spec.schema(schema).type === "array",
          });
        });
      };
      addParameters(join(itemPointer, "parameters"));
      addParameters(join(opPointer, "parameters"));

      const requestBody = spec.resolve(join(opPointer, "requestBody"));
      const bodyMedia = join(requestBody.pointer, "content", "application/json");
      const body = isObject(spec.at(bodyMedia))
        ? {
            schema: join(bodyMedia, "schema"),
            required: isObject(requestBody.node) && requestBody.node.required === true,
          }
        : undefined;

      const responses: DocumentedResponse[] = [];
      let successStatus = 200;
      let data: string | undefined;
      const statuses = Object.keys(spec.schema(join(opPointer, "responses"))).filter((s) => /^\d{3}$/.test(s));
      const success = statuses.find((s) => s.startsWith("2"));
      for (const status of statuses) {
        const response = spec.resolve(join(opPointer, "responses", status));
        const media = join(response.pointer, "content", "application/json");
        for (const { name, value } of examplesOf(spec, media)) {
          responses.push({ operationId: op.operationId, status: Number(status), example: name, body: value });
        }
        if (status === success) {
          successStatus = Number(status);
          data = spec.property(join(media, "schema"), "data");
        }
      }
      const security = Array.isArray(op.security) ? demandsToken(op.security) : documentSecured;
      found.push({
        operationId: op.operationId,
        method,
        path,
        parameters: [...parameters.values()],
        body,
        secured: security,
        successStatus,
        data,
        responses,
      });
    }
  }
  return classify(spec, found);
}

/** Whether a data schema is a page (an `items` array) or bulk counts. */
function shapeOf(spec: SpecDocument, data: string | undefined): "page" | "counts" | "entity" | "none" {
  if (!data) return "none";
  const props = spec.properties(data);
  if (props.has("items") && props.has("totalDocs")) return "page";
  if (props.has("total") && props.has("success") && props.has("fail")) return "counts";
  const schema = spec.schema(data);
  return props.size > 0 || schema.type === "object" || Array.isArray(schema.allOf) ? "entity" : "none";
}

function classify(spec: SpecDocument, found: Omit<OperationInfo, "kind" | "collection">[]): OperationInfo[] {
  const shapes = new Map(found.map((op) => [op.operationId, shapeOf(spec, op.data)]));
  // A collection is a path that is listed, or created into by POST.
  const collections = new Set<string>();
  for (const op of found) {
    const shape = shapes.get(op.operationId);
    if ((op.method === "get" && shape === "page") || (op.method === "post" && op.body && shape === "entity")) {
      collections.add(op.path);
    }
  }
  const parent = (path: string) => path.slice(0, path.lastIndexOf("/"));
  return found.map((op): OperationInfo => {
    const shape = shapes.get(op.operationId);
    if (op.method === "get" && shape === "page") return { ...op, kind: "list", collection: op.path };
    if (op.method === "post" && op.body && shape === "counts") {
      return { ...op, kind: "bulk", collection: collections.has(parent(op.path)) ? parent(op.path) : undefined };
    }
    if (op.method === "post" && op.body && shape === "entity") return { ...op, kind: "create", collection: op.path };
    const last = op.path.slice(op.path.lastIndexOf("/") + 1);
    if (op.method === "get" && shape === "entity" && /^\{[^}]+\}$/.test(last) && collections.has(parent(op.path))) {
      return { ...op, kind: "read", collection: parent(op.path) };
    }
    return { ...op, kind: "example", collection: undefined };
  });
}
