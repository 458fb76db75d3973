// An independent validator for the spec's schemas: ajv, JSON Schema 2020-12, formats on.
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv2020) => Ajv2020;

/** `coerce`: validate as a server reads a URL (query and path values arrive as strings). */
export function makeAjv({ coerce = false } = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce });
  addFormats(ajv);
  return ajv;
}

export function validator(schema: object, options?: { coerce?: boolean }) {
  const validate = makeAjv(options).compile(schema);
  return (value: unknown) => {
    const ok = validate(value) as boolean;
    return { ok, errors: validate.errors ?? [] };
  };
}
