// The shapes of the OpenAPI 3.1 documents this project reads: the bundle, and its operations with
// every local $ref followed. Only what the pipeline and the tests use is named; extensions
// (`x-…`) stay reachable.

export interface Schema {
  $ref?: string;
  title?: string;
  description?: string;
  $comment?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  example?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  readOnly?: boolean;
  writeOnly?: boolean;
  deprecated?: boolean;
  [extension: `x-${string}`]: unknown;
}

export interface Example {
  summary?: string;
  description?: string;
  value?: unknown;
  $ref?: string;
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, Example>;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
  style?: string;
  explode?: boolean;
  $ref?: string;
}

export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
  $ref?: string;
}

export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: SecurityRequirement[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; description?: string; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  [extension: `x-${string}`]: unknown;
}

export const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"] as const;
export type Method = (typeof METHODS)[number];

export type PathItem = { parameters?: Parameter[]; $ref?: string } & { [M in Method]?: Operation };

export interface Document {
  openapi: string;
  info: { title: string; version: string; summary?: string; description?: string; [key: string]: unknown };
  servers?: { url: string; description?: string }[];
  security?: SecurityRequirement[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, PathItem>;
  components?: {
    schemas?: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, Response>;
    examples?: Record<string, Example>;
    securitySchemes?: Record<string, { type: string; scheme?: string; description?: string }>;
  };
  [key: string]: unknown;
}

/** One operation of a document, with its path item's parameters merged in and every $ref followed. */
export interface SpecOperation {
  operationId: string;
  method: Method;
  path: string;
  operation: Operation & { parameters: Parameter[] };
}
