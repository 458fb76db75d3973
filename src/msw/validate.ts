// Request validation against the spec with ajv (JSON Schema 2020-12, formats on): each operation's
// path parameters, query parameters (coerced from their URL strings, as a server reads them) and
// JSON body. The validators are compiled once per document, so once per process for the bundled spec.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule, { type FormatsPlugin } from "ajv-formats";
import type { Operation, Parameter, Spec } from "./spec.js";

// ajv-formats is CommonJS with `exports.default`: Node hands an ES module importer the whole
// `module.exports`, bundlers hand over `exports.default`.
const addFormats = ((formatsModule as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;

/** The id under which the document is registered with ajv; `$ref`s address it as `spec#/…`. */
const DOCUMENT_ID = "spec";

function makeAjv(document: object, coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, DOCUMENT_ID);
  return ajv;
}

/** `#/a/b` as a URI fragment of the registered document (path templates hold `{` and `}`). */
const refTo = (pointer: string) =>
  `${DOCUMENT_ID}#${pointer
    .slice(1)
    .split("/")
    .map((token) => encodeURIComponent(token))
    .join("/")}`;

/** What a request carries, as the handler read it. */
export interface RequestParts {
  path: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; `undefined` when there is none. */
  body: unknown;
}

export interface Validators {
  /** The problems of a request, each naming its field (`body.tags[0]: must be string`); empty when valid. */
  request(operationId: string): (request: RequestParts) => string[];
  /** The instance paths (`/data/tags`) where a value breaks the schema at `pointer`. */
  errors(pointer: string, value: unknown): string[];
}

const compiled = new WeakMap<Spec, Validators>();

/** The validators of a document, compiled once per document (so once per process for the bundled spec). */
export function validatorsFor(spec: Spec): Validators {
  let validators = compiled.get(spec);
  if (!validators) {
    const strict = makeAjv(spec.document, false);
    const coercing = makeAjv(spec.document, true);
    const requests = new Map(spec.operations.map((op) => [op.operationId, requestValidator(op, strict, coercing)]));
    const schemas = new Map<string, ValidateFunction>();
    validators = {
      request: (operationId) => requests.get(operationId) ?? (() => []),
      errors(pointer, value) {
        let validate = schemas.get(pointer);
        if (!validate) {
          validate = strict.compile({ $ref: refTo(pointer) });
          schemas.set(pointer, validate);
        }
        return validate(value) ? [] : (validate.errors ?? []).map((e) => e.instancePath);
      },
    };
    compiled.set(spec, validators);
  }
  return validators;
}

function requestValidator(op: Operation, strict: Ajv2020, coercing: Ajv2020) {
  const pathParameters = op.parameters.filter((p) => p.in === "path");
  const queryParameters = op.parameters.filter((p) => p.in === "query");
  const params = (list: Parameter[]) =>
    coercing.compile({
      type: "object",
      properties: Object.fromEntries(list.map((p) => [p.name, { $ref: refTo(p.schema) }])),
      required: list.filter((p) => p.required).map((p) => p.name),
    });
  const validatePath = params(pathParameters);
  const validateQuery = params(queryParameters);
  const validateBody = op.body ? strict.compile({ $ref: refTo(op.body.schema) }) : undefined;
  const queryNames = new Set(queryParameters.map((p) => p.name));
  const arrays = new Set(queryParameters.filter((p) => p.array).map((p) => p.name));

  return ({ path, query, body }: RequestParts): string[] => {
    const problems: string[] = [];
    if (!validatePath({ ...path })) problems.push(...describe("path", validatePath.errors));
    const values: Record<string, unknown> = {};
    for (const name of new Set(query.keys())) {
      const all = query.getAll(name);
      if (!queryNames.has(name)) problems.push(`query.${name}: is not a parameter of ${op.operationId}`);
      else if (arrays.has(name)) values[name] = all;
      else if (all.length > 1) problems.push(`query.${name}: must be given once, not ${all.length} times`);
      else values[name] = all[0];
    }
    if (!validateQuery(values)) problems.push(...describe("query", validateQuery.errors));
    if (validateBody && body === undefined && op.body?.required) problems.push("body: is required");
    else if (validateBody && body !== undefined && !validateBody(body))
      problems.push(...describe("body", validateBody.errors));
    return [...new Set(problems)];
  };
}

/** `/applications/0/foo` under `body` as a reader writes it: `body.applications[0].foo`. */
function fieldName(root: string, instancePath: string, child?: string): string {
  const tokens = instancePath === "" ? [] : instancePath.slice(1).split("/");
  if (child !== undefined) tokens.push(child);
  return tokens.reduce((field, raw) => {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(token)) return `${field}[${token}]`;
    return /^[A-Za-z_$][\w$-]*$/.test(token) ? `${field}.${token}` : `${field}[${JSON.stringify(token)}]`;
  }, root);
}

function message(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

const within = (path: string, parent: string) => path === parent || path.startsWith(`${parent}/`);

/**
 * ajv's errors as `field: problem` lines. An unknown key and a missing property name the key
 * itself; a failed `anyOf`/`oneOf` becomes one line listing what each alternative wanted, in place
 * of its branches' own errors (which ajv reports just before it); a value of the wrong type is
 * reported by its type alone.
 */
function describe(root: string, errors: ErrorObject[] | null | undefined): string[] {
  const list = errors ?? [];
  const ordered: [number, string][] = [];
  const dropped = new Set<number>();
  list.forEach((error, index) => {
    if (error.keyword !== "anyOf" && error.keyword !== "oneOf") return;
    const branches: string[] = [];
    for (let i = index - 1; i >= 0; i--) {
      const branch = list[i];
      if (!branch || !within(branch.instancePath, error.instancePath) || dropped.has(i)) break;
      dropped.add(i);
      if (branch.instancePath === error.instancePath) branches.unshift(message(branch));
    }
    dropped.add(index);
    const alternatives = [...new Set(branches)];
    const field = fieldName(root, error.instancePath);
    ordered.push([
      index,
      alternatives.length > 0
        ? `${field}: ${alternatives.join(" or ")}`
        : `${field}: ${error.message ?? "no alternative matches"}`,
    ]);
  });
  // A value of the wrong type fails its other keywords too (enum, format): its type says enough.
  const mistyped = new Set(list.filter((e, i) => e.keyword === "type" && !dropped.has(i)).map((e) => e.instancePath));
  list.forEach((error, index) => {
    if (dropped.has(index)) return;
    if (error.keyword !== "type" && mistyped.has(error.instancePath)) return;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
      ordered.push([index, `${fieldName(root, error.instancePath, params.additionalProperty)}: unknown key`]);
    } else if (error.keyword === "required" && typeof params.missingProperty === "string") {
      ordered.push([index, `${fieldName(root, error.instancePath, params.missingProperty)}: is required`]);
    } else {
      ordered.push([index, `${fieldName(root, error.instancePath)}: ${message(error)}`]);
    }
  });
  return ordered.sort(([a], [b]) => a - b).map(([, line]) => line);
}
