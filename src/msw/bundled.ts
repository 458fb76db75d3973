// The package's own bundled spec (generated/openapi.json), read through the package's
// `./openapi.json` export so that the compiled module finds it wherever the package is installed.
import bundle from "applivery-mdm-openapi/openapi.json" with { type: "json" };
import type { JsonObject } from "../json.js";
import { SpecDocument } from "./spec.js";

let spec: SpecDocument | undefined;

/** The bundled spec, read once per process. */
export function bundledSpec(): SpecDocument {
  spec ??= new SpecDocument(bundle as unknown as JsonObject);
  return spec;
}
