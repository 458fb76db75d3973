// The project's independent validator for the spec's schemas: ajv, JSON Schema 2020-12, formats on.
// Shared by the tests (through test/helpers/ajv.ts) and scripts/contract-live.mjs.
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";

// ajv-formats is CommonJS with `exports.default`; as an ES module import its default is the module.
const addFormats = formats.default ?? formats;

/** `coerce`: validate as a server reads a URL (query and path values arrive as strings). */
export function makeAjv({ coerce = false } = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce });
  addFormats(ajv);
  return ajv;
}
