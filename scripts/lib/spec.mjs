// Small helpers over the bundled spec, shared by pipeline scripts and tests.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const ROOT = new URL("../../", import.meta.url);
export const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];

export function loadYaml(relativePath) {
  return parse(readFileSync(new URL(relativePath, ROOT), "utf8"));
}

/** The bundled spec (generated/openapi.json), as committed. */
export function loadBundle() {
  return JSON.parse(readFileSync(new URL("generated/openapi.json", ROOT), "utf8"));
}

const unescape = (token) => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** Follows a local "#/..." reference. */
export function followRef(root, ref) {
  if (!ref.startsWith("#/")) throw new Error(`only local references are supported: ${ref}`);
  let node = root;
  for (const token of ref.slice(2).split("/").map(unescape)) {
    if (node == null || !(token in node)) throw new Error(`unresolvable reference ${ref}`);
    node = node[token];
  }
  return node;
}

/**
 * A deep copy of `node` with every local $ref replaced by its target. Sibling keywords of a
 * $ref (OpenAPI 3.1 allows description etc. beside it) override the target's. The bundle has
 * no cycles, so this terminates.
 */
export function deref(node, root) {
  if (Array.isArray(node)) return node.map((item) => deref(item, root));
  if (node === null || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    const { $ref, ...siblings } = node;
    const target = deref(followRef(root, $ref), root);
    const rest = deref(siblings, root);
    return target !== null && typeof target === "object" && !Array.isArray(target) ? { ...target, ...rest } : target;
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, deref(value, root)]));
}

/** Every operation of the bundle: { operationId, method, path, operation (dereferenced), pathItem }. */
export function operations(bundle = loadBundle()) {
  const list = [];
  for (const [path, rawItem] of Object.entries(bundle.paths)) {
    const pathItem = deref(rawItem, bundle);
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
      list.push({ operationId: operation.operationId, method, path, operation: { ...operation, parameters }, pathItem });
    }
  }
  return list;
}

/**
 * Resolves a JSON pointer inside a dereferenced document, looking through `allOf`, `anyOf` and
 * `oneOf`: when a token is not a key of the current node, the first branch that resolves the
 * rest of the pointer wins. In an array of named objects (parameters), a token that is not an
 * index selects the element with that `name`: `/parameters/organizationId`.
 * Returns `undefined` when nothing resolves.
 */
export function resolvePointer(node, pointer) {
  if (pointer === "") return node;
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return walk(node, pointer.slice(1).split("/").map(unescape));
}

function walk(node, tokens) {
  if (tokens.length === 0) return node;
  if (node === null || typeof node !== "object") return undefined;
  const [head, ...rest] = tokens;
  if (Array.isArray(node) && !/^\d+$/.test(head)) {
    const named = node.find((item) => item?.name === head);
    return named === undefined ? undefined : walk(named, rest);
  }
  if (head in node) {
    const found = walk(node[head], rest);
    if (found !== undefined) return found;
  }
  for (const combiner of ["allOf", "anyOf", "oneOf"]) {
    for (const branch of node[combiner] ?? []) {
      const found = walk(branch, tokens);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
