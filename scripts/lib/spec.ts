// Reading the spec: the committed bundle, the YAML sources, references and pointers. Shared by the
// pipeline scripts and the tests.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { isObject, unescapeToken } from "./json.js";
import { type Document, METHODS, type Operation, type PathItem, type SpecOperation } from "./openapi.js";

/** The repository root, as a URL ending in `/`. */
const ROOT = new URL("../../", import.meta.url);

/** A file of the repository, by its path from the root. */
export const repoPath = (relativePath: string): string => new URL(relativePath, ROOT).pathname;

/** A YAML (or JSON) file of the repository, parsed. */
export function loadYaml<T = unknown>(relativePath: string): T {
  return parse(readFileSync(new URL(relativePath, ROOT), "utf8")) as T;
}

/** The bundled spec as committed (generated/openapi.json). */
export function loadBundle(): Document {
  return JSON.parse(readFileSync(new URL("generated/openapi.json", ROOT), "utf8")) as Document;
}

/** Follows a local `#/…` reference. */
export function followRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local references are supported: ${ref}`);
  let node: unknown = root;
  for (const token of ref.slice(2).split("/").map(unescapeToken)) {
    if (!isObject(node) || !(token in node)) throw new Error(`unresolvable reference ${ref}`);
    node = node[token];
  }
  return node;
}

/**
 * A deep copy of `node` with every local $ref replaced by its target. Sibling keywords of a $ref
 * (OpenAPI 3.1 allows a description beside it) override the target's. The bundle has no cycles,
 * so this terminates.
 */
export function deref<T>(node: T, root: unknown): T {
  if (Array.isArray(node)) return node.map((item) => deref(item, root)) as T;
  if (!isObject(node)) return node;
  if (typeof node.$ref === "string") {
    const { $ref, ...siblings } = node;
    const target = deref(followRef(root, $ref), root);
    const rest = deref(siblings, root);
    return (isObject(target) ? { ...target, ...rest } : target) as T;
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, deref(value, root)])) as T;
}

/** Every operation of a bundle, in document order, dereferenced. */
export function operations(bundle: Document = loadBundle()): SpecOperation[] {
  const list: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(bundle.paths)) {
    const item: PathItem = deref(rawItem, bundle);
    for (const method of METHODS) {
      const operation: Operation | undefined = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
      list.push({ operationId: operation.operationId, method, path, operation: { ...operation, parameters } });
    }
  }
  return list;
}

/**
 * Resolves a JSON pointer inside a dereferenced document, looking through `allOf`, `anyOf` and
 * `oneOf`: when a token is not a key of the current node, the first branch that resolves the rest
 * of the pointer wins. In an array of named objects (parameters), a token that is not an index
 * selects the element with that `name`: `/parameters/organizationId`. `undefined` when nothing
 * resolves.
 */
export function resolvePointer(node: unknown, pointer: string): unknown {
  if (pointer === "") return node;
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return walk(node, pointer.slice(1).split("/").map(unescapeToken));
}

function walk(node: unknown, tokens: string[]): unknown {
  const [head, ...rest] = tokens;
  if (head === undefined) return node;
  if (Array.isArray(node)) {
    if (/^\d+$/.test(head)) return walk(node[Number(head)], rest);
    const named: unknown = node.find((item) => isObject(item) && item.name === head);
    return named === undefined ? undefined : walk(named, rest);
  }
  if (!isObject(node)) return undefined;
  if (head in node) {
    const found = walk(node[head], rest);
    if (found !== undefined) return found;
  }
  for (const combiner of ["allOf", "anyOf", "oneOf"]) {
    const branches = node[combiner];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const found = walk(branch, tokens);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
