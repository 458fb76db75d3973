// Operation-level changes between two bundles: operations added or removed (matched by method and
// path), their operationId, permission, parameters, request body and responses. Schemas are handed
// to ./schemas.ts with the side they describe.
import { join } from "../json.js";
import type { Document, MediaType, Parameter, SecurityRequirement, SpecOperation } from "../openapi.js";
import { operations } from "../spec.js";
import { type Change, collector } from "./model.js";
import { compareSchemaChanges } from "./schemas.js";

const key = ({ method, path }: SpecOperation) => `${method.toUpperCase()} ${path}`;
const label = (op: SpecOperation) => `${op.operationId} (${key(op)})`;

/** A 2xx status (or the 2XX range): the call's typed `data`. Anything else is an error outcome. */
const isSuccess = (status: string): boolean => /^2/.test(status);

/** Every operation-level change between two bundles, operations in the newer bundle's order. */
export function compareOperations(before: Document, after: Document): Change[] {
  const older = new Map(operations(before).map((op) => [key(op), op]));
  const newer = new Map(operations(after).map((op) => [key(op), op]));
  const changes: Change[] = [];
  for (const [id, op] of newer) {
    const previous = older.get(id);
    if (previous) changes.push(...compareOperation(previous, op, before, after));
    else {
      changes.push({
        operation: label(op),
        kind: "operation-added",
        breaking: false,
        pointer: join("/paths", op.path, op.method),
        field: "operation",
        what: "added",
        before: undefined,
        after: op.operationId,
      });
    }
  }
  for (const [id, op] of older) {
    if (newer.has(id)) continue;
    changes.push({
      operation: label(op),
      kind: "operation-removed",
      breaking: true,
      pointer: join("/paths", op.path, op.method),
      field: "operation",
      what: "removed",
      before: op.operationId,
      after: undefined,
    });
  }
  return changes;
}

function compareOperation(older: SpecOperation, newer: SpecOperation, before: Document, after: Document): Change[] {
  const { changes, add } = collector(label(newer));

  if (older.operationId !== newer.operationId) {
    add(
      "operation-id",
      true,
      "/operationId",
      "operationId",
      "renamed (the client's method and the operations type key)",
      older.operationId,
      newer.operationId,
    );
  }

  // Security: the permission the token must hold.
  const security = (op: SpecOperation, document: Document) => op.operation.security ?? document.security ?? [];
  const a = security(older, before);
  const b = security(newer, after);
  if (requirementText(a) !== requirementText(b)) {
    // No requirement, or an empty one among the alternatives, lets a call through without a token.
    const open = (list: SecurityRequirement[]) =>
      list.length === 0 || list.some((requirement) => Object.keys(requirement).length === 0);
    const kept = a.every((requirement) =>
      b.some((other) => requirementText([other]) === requirementText([requirement])),
    );
    const [breaking, what] = open(b)
      ? [false, "no longer requires a token"]
      : open(a)
        ? [true, "now requires a token"]
        : kept
          ? [false, "alternative added"]
          : [true, "changed (a token with the old permission is refused)"];
    add("security", breaking, "/security", "security requirement", what, requirementText(a), requirementText(b));
  }

  // Parameters, by name.
  const olderParameters = new Map(older.operation.parameters.map((p) => [p.name, p]));
  const newerParameters = new Map(newer.operation.parameters.map((p) => [p.name, p]));
  for (const name of new Set([...olderParameters.keys(), ...newerParameters.keys()])) {
    const at = join("/parameters", name);
    const p = olderParameters.get(name);
    const q = newerParameters.get(name);
    const field = `${(q ?? p)?.in ?? ""} parameter ${name}`;
    if (!q) {
      add("parameter-removed", true, at, field, "removed", describeParameter(p), undefined);
      continue;
    }
    if (!p) {
      const required = q.required === true;
      add(
        "parameter-added",
        required,
        at,
        field,
        `added (${required ? "required" : "optional"})`,
        undefined,
        describeParameter(q),
      );
      continue;
    }
    if (p.in !== q.in) add("parameter-location", true, join(at, "in"), field, "moved", p.in, q.in);
    if ((p.required === true) !== (q.required === true)) {
      const required = q.required === true;
      add(
        "parameter-required",
        required,
        join(at, "required"),
        field,
        required ? "made required" : "made optional",
        p.required === true,
        required,
      );
    }
    for (const keyword of ["style", "explode"] as const) {
      if (p[keyword] !== q[keyword])
        add(
          "parameter-style",
          true,
          join(at, keyword),
          field,
          `${keyword} changed (serialization)`,
          p[keyword],
          q[keyword],
        );
    }
    changes.push(
      ...compareSchemaChanges(p.schema ?? {}, q.schema ?? {}, {
        operation: label(newer),
        pointer: join(at, "schema"),
        side: "request",
        label: field,
      }),
    );
  }

  // Request body.
  const bodyA = older.operation.requestBody;
  const bodyB = newer.operation.requestBody;
  if (bodyA && !bodyB) add("request-body-removed", true, "/requestBody", "body", "removed", true, undefined);
  else if (!bodyA && bodyB) {
    const required = bodyB.required === true;
    add(
      "request-body-added",
      required,
      "/requestBody",
      "body",
      `added (${required ? "required" : "optional"})`,
      undefined,
      true,
    );
  } else if (bodyA && bodyB) {
    if ((bodyA.required === true) !== (bodyB.required === true)) {
      const required = bodyB.required === true;
      add(
        "request-body-required",
        required,
        "/requestBody/required",
        "body",
        required ? "made required" : "made optional",
        bodyA.required === true,
        required,
      );
    }
    changes.push(...compareContent(bodyA.content, bodyB.content, "/requestBody", "body", "request", label(newer)));
  }

  // Responses, by status.
  const responsesA = older.operation.responses;
  const responsesB = newer.operation.responses;
  for (const status of new Set([...Object.keys(responsesA), ...Object.keys(responsesB)])) {
    const at = join("/responses", status);
    const field = `response ${status}`;
    const r = responsesA[status];
    const s = responsesB[status];
    const success = isSuccess(status);
    if (!s)
      add(
        "status-removed",
        success,
        at,
        field,
        success ? "removed (the call's typed data changes)" : "removed",
        status,
        undefined,
      );
    else if (!r)
      add(
        "status-added",
        success,
        at,
        field,
        success ? "added (a new success outcome the typed data must cover)" : "added",
        undefined,
        status,
      );
    else changes.push(...compareContent(r.content ?? {}, s.content ?? {}, at, field, "response", label(newer)));
  }
  return changes;
}

/** Media types of a body or a response: removed breaks, added does not; schemas compared by side. */
function compareContent(
  a: Record<string, MediaType>,
  b: Record<string, MediaType>,
  at: string,
  field: string,
  side: "request" | "response",
  operation: string,
): Change[] {
  const changes: Change[] = [];
  for (const type of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const pointer = join(at, "content", type);
    const named = type === "application/json" ? field : `${field} (${type})`;
    const x = a[type];
    const y = b[type];
    if (!y || !x) {
      changes.push({
        operation,
        kind: y ? "media-type-added" : "media-type-removed",
        breaking: !y,
        pointer,
        field: named,
        what: y ? "media type added" : "media type removed",
        before: x && type,
        after: y && type,
      });
      continue;
    }
    changes.push(
      ...compareSchemaChanges(x.schema ?? {}, y.schema ?? {}, {
        operation,
        pointer: join(pointer, "schema"),
        side,
        label: named,
      }),
    );
  }
  return changes;
}

function describeParameter(parameter: Parameter | undefined): string | undefined {
  return parameter && `${parameter.in}, ${parameter.required === true ? "required" : "optional"}`;
}

/** `bearerAuth[mdm.apple.enrollmentToken.create]`, alternatives joined by ` | `; `(none)` for no requirement. */
function requirementText(requirements: SecurityRequirement[]): string {
  if (requirements.length === 0) return "(none)";
  return requirements
    .map((requirement) => {
      const schemes = Object.entries(requirement).map(([name, roles]) => `${name}[${[...roles].sort().join(", ")}]`);
      return schemes.length === 0 ? "(anonymous)" : schemes.sort().join(" + ");
    })
    .join(" | ");
}
