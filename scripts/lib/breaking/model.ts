// What check:breaking reports: one change between two bundles of the spec, where it is, and whether
// it breaks code written against the package's types and client at the older version.

/**
 * The kinds of change check:breaking knows. Each is classified by its direction; README.md
 * ("Version policy") has the table.
 */
export const CHANGE_KINDS = [
  // Operations
  "operation-added",
  "operation-removed",
  "operation-id",
  "security",
  // Parameters
  "parameter-added",
  "parameter-removed",
  "parameter-required",
  "parameter-location",
  "parameter-style",
  // Request bodies
  "request-body-added",
  "request-body-removed",
  "request-body-required",
  // Media types and status codes
  "media-type-added",
  "media-type-removed",
  "status-added",
  "status-removed",
  // Schemas, in a request (body or parameter) or in a response
  "field-added",
  "field-removed",
  "field-required",
  "type",
  "nullable",
  "enum",
  "bounds",
  "pattern",
  "format",
  "closedness",
  "default",
  "combinator",
  // The document
  "server",
  "security-scheme",
  "component",
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Which side of the exchange a schema describes: what the caller sends, or what it receives. */
export type Side = "request" | "response";

export interface Change {
  /** The operation's label, `operationId (METHOD /path)`, or `(document)` for document-wide changes. */
  operation: string;
  kind: ChangeKind;
  /** True when code written against the older types or client can fail to compile or to work. */
  breaking: boolean;
  /** A JSON pointer into the operation (as the drift check writes them), or into the document. */
  pointer: string;
  /** The field, parameter or status the change is about, in words (`body field displayName`). */
  field: string;
  /** What changed, e.g. `maxLength tightened`, `made required`. */
  what: string;
  /** The older and the newer value; `undefined` where a side has none. */
  before: unknown;
  after: unknown;
}

/** The label of the document-wide group. */
export const DOCUMENT = "(document)";

/** A list of changes for one operation (or the document), and the function that adds to it. */
export function collector(operation: string): {
  changes: Change[];
  add(
    kind: ChangeKind,
    breaking: boolean,
    pointer: string,
    field: string,
    what: string,
    before: unknown,
    after: unknown,
  ): void;
} {
  const changes: Change[] = [];
  return {
    changes,
    add: (kind, breaking, pointer, field, what, before, after) =>
      changes.push({ operation, kind, breaking, pointer, field, what, before, after }),
  };
}
