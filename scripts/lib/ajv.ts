// The project's independent validator for the spec's schemas: ajv, JSON Schema 2020-12, formats on.
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import formatsModule, { type FormatsPlugin } from "ajv-formats";

// ajv-formats is CommonJS with `exports.default`: imported by Node as an ES module its default is the
// whole module, while bundlers (vitest) hand over `exports.default` itself.
const addFormats = ((formatsModule as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;

/** `coerce`: validate as a server reads a URL (query and path values arrive as strings). */
export function makeAjv({ coerce = false } = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce });
  addFormats(ajv);
  return ajv;
}

export interface Validation {
  ok: boolean;
  errors: ErrorObject[];
}

/** A validator of `schema`, compiled once, answering `{ ok, errors }`. */
export function validator(schema: object, options?: { coerce?: boolean }): (value: unknown) => Validation {
  const validate = makeAjv(options).compile(schema);
  return (value) => {
    const ok = validate(value);
    return { ok, errors: validate.errors ?? [] };
  };
}
