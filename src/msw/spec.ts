// What the mock reads from an OpenAPI document: its operations, each recognised by its method and
// path shape (never by what it answers), with the pointers of the schemas that check its requests
// and the examples of its documented responses.
import bundle from "applivery-mdm-openapi/openapi.json" with { type: "json" };
import { operationTable } from "../../generated/client.js";
import { isObject, type JsonObject } from "../json.js";

/** What an operation does to its collection. */
export type Kind = "list" | "create" | "bulk" | "read" | "update" | "delete" | "example";

export interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  /** JSON pointer of its schema. */
  schema: string;
  array: boolean;
}

/** One documented response example: `example` is its name in the spec (`default` for a lone `example`). */
export interface DocumentedResponse {
  operationId: string;
  status: number;
  example: string;
  body: unknown;
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  kind: Kind;
  /** The path of the collection it works on: its own, without a trailing `/bulk` or `/{param}`. */
  collection: string;
  parameters: Parameter[];
  /** JSON pointer of the JSON body's schema, when it takes one. */
  body: { schema: string; required: boolean } | undefined;
  secured: boolean;
  /** The first documented 2xx status, and the pointer of its JSON schema. */
  success: { status: number; schema: string | undefined };
  responses: DocumentedResponse[];
}

const ITEM = /\/\{[^}]+\}$/;

/** By convention: POST on a collection creates (on `…/bulk`, several), GET lists or reads one, PUT/PATCH update one, DELETE deletes one. */
function kindOf(method: string, path: string, bulk: boolean): Kind {
  const item = ITEM.test(path);
  if (method === "post") return bulk ? "bulk" : item ? "example" : "create";
  if (method === "get") return item ? "read" : "list";
  if (method === "put" || method === "patch") return item ? "update" : "example";
  return method === "delete" && item ? "delete" : "example";
}

const escapeToken = (token: string) => token.replace(/~/g, "~0").replace(/\//g, "~1");
export const join = (pointer: string, ...tokens: string[]) =>
  pointer + tokens.map((t) => `/${escapeToken(t)}`).join("");

/** An OpenAPI document and the operations in it. */
export class Spec {
  readonly operations: Operation[];
  readonly byId: ReadonlyMap<string, Operation>;

  /** `isBulk`: whether an operation creates several; by default the generated operation table's `bulk`. */
  constructor(
    readonly document: JsonObject,
    isBulk = (id: string) => (operationTable as Record<string, { bulk: boolean }>)[id]?.bulk === true,
  ) {
    this.operations = this.read(isBulk);
    this.byId = new Map(this.operations.map((op) => [op.operationId, op]));
  }

  /** The node at a `#/…` pointer, following `$ref`s, and the pointer it was found at. */
  resolve(pointer: string): { node: unknown; pointer: string } {
    let node: unknown = this.document;
    for (const raw of pointer.slice(2).split("/")) {
      node =
        isObject(node) || Array.isArray(node)
          ? (node as JsonObject)[raw.replace(/~1/g, "/").replace(/~0/g, "~")]
          : undefined;
    }
    return isObject(node) && typeof node.$ref === "string" ? this.resolve(node.$ref) : { node, pointer };
  }

  /** The schemas of each property of an object schema, through `$ref`, `allOf`, `anyOf` and `oneOf`. */
  properties(schema: unknown, found = new Map<string, JsonObject[]>(), depth = 0): Map<string, JsonObject[]> {
    const node = isObject(schema) && typeof schema.$ref === "string" ? this.resolve(schema.$ref).node : schema;
    if (!isObject(node) || depth > 16) return found;
    for (const [name, property] of Object.entries(isObject(node.properties) ? node.properties : {})) {
      const resolved =
        isObject(property) && typeof property.$ref === "string" ? this.resolve(property.$ref).node : property;
      if (isObject(resolved)) found.set(name, [...(found.get(name) ?? []), resolved]);
    }
    for (const key of ["allOf", "anyOf", "oneOf"]) {
      for (const branch of Array.isArray(node[key]) ? node[key] : []) this.properties(branch, found, depth + 1);
    }
    return found;
  }

  private read(isBulk: (operationId: string) => boolean): Operation[] {
    const paths = this.resolve("#/paths").node;
    const demandsToken = (list: unknown) =>
      Array.isArray(list) && list.length > 0 && list.every((r) => isObject(r) && Object.keys(r).length > 0);
    const operations: Operation[] = [];
    for (const path of Object.keys(isObject(paths) ? paths : {})) {
      const item = join("#/paths", path);
      const methods = this.resolve(item).node;
      for (const method of Object.keys(isObject(methods) ? methods : {})) {
        const at = join(item, method);
        const op = this.resolve(at).node;
        if (!isObject(op) || !isObject(op.responses)) continue;
        if (typeof op.operationId !== "string")
          throw new Error(`applivery-mdm-openapi/msw: ${method} ${path} has no operationId`);
        const bulk = isBulk(op.operationId);
        const parameters = new Map<string, Parameter>();
        for (const list of [join(item, "parameters"), join(at, "parameters")]) {
          const count = this.resolve(list).node;
          for (let i = 0; Array.isArray(count) && i < count.length; i++) {
            const { node, pointer } = this.resolve(join(list, String(i)));
            if (!isObject(node) || (node.in !== "path" && node.in !== "query") || typeof node.name !== "string")
              continue;
            const schema = join(pointer, "schema");
            const type = this.resolve(schema).node;
            parameters.set(`${node.in} ${node.name}`, {
              name: node.name,
              in: node.in,
              required: node.in === "path" || node.required === true,
              schema,
              array: isObject(type) && type.type === "array",
            });
          }
        }
        const requestBody = this.resolve(join(at, "requestBody"));
        const media = join(requestBody.pointer, "content", "application/json");
        const responses: DocumentedResponse[] = [];
        let success: Operation["success"] | undefined;
        for (const status of Object.keys(op.responses).filter((s) => /^\d{3}$/.test(s))) {
          const response = join(this.resolve(join(at, "responses", status)).pointer, "content", "application/json");
          const content = this.resolve(response).node;
          if (!success && status.startsWith("2"))
            success = { status: Number(status), schema: isObject(content) ? join(response, "schema") : undefined };
          if (!isObject(content)) continue;
          const named = isObject(content.examples)
            ? Object.keys(content.examples)
            : "example" in content
              ? ["default"]
              : [];
          for (const name of named) {
            const example =
              name === "default" && !isObject(content.examples)
                ? { value: content.example }
                : this.resolve(join(response, "examples", name)).node;
            responses.push({
              operationId: op.operationId,
              status: Number(status),
              example: name,
              body: isObject(example) ? example.value : undefined,
            });
          }
        }
        operations.push({
          operationId: op.operationId,
          method,
          path,
          kind: kindOf(method, path, bulk),
          collection: bulk ? path.replace(/\/bulk$/, "") : path.replace(ITEM, ""),
          parameters: [...parameters.values()],
          body: isObject(this.resolve(media).node)
            ? {
                schema: join(media, "schema"),
                required: isObject(requestBody.node) && requestBody.node.required === true,
              }
            : undefined,
          secured: demandsToken("security" in op ? op.security : this.document.security),
          success: success ?? { status: 200, schema: undefined },
          responses,
        });
      }
    }
    return operations;
  }
}

let bundled: Spec | undefined;

/** The package's bundled spec (generated/openapi.json, through the package's own export), read once. */
export const bundledSpec = (): Spec => (bundled ??= new Spec(bundle as unknown as JsonObject));
