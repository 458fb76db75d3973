// The validator of scripts/lib/ajv.mjs, with a result shape the tests share.
import { makeAjv } from "../../scripts/lib/ajv.mjs";

export function validator(schema: object, options?: { coerce?: boolean }) {
  const validate = makeAjv(options).compile(schema);
  return (value: unknown) => {
    const ok = validate(value) as boolean;
    return { ok, errors: validate.errors ?? [] };
  };
}
