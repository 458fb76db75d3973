// The normalization ledger is well-formed, points at things that exist, and covers every kind of
// damage the sources are known to have.
import { describe, expect, it } from "vitest";
import { validator } from "../../scripts/lib/ajv.js";
import { type LedgerEntry, loadLedger } from "../../scripts/lib/ledger.js";
import { operations, resolvePointer } from "../../scripts/lib/spec.js";

const ledger = loadLedger();
const ops = new Map(operations().map((o) => [o.operationId, o.operation]));
const resolves = (operationId: string, pointer: string) => resolvePointer(ops.get(operationId), pointer) !== undefined;

const entrySchema = {
  type: "object",
  required: ["id", "kind", "operations", "pointers", "page_shows", "spec_says", "evidence", "cites"],
  properties: {
    id: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" },
    kind: { enum: Object.keys(ledger.kinds) },
    operations: { type: "array", minItems: 1, uniqueItems: true, items: { enum: [...ops.keys()] } },
    pointers: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", pattern: "^(/.*)?$" } },
    page_shows: { type: "string", minLength: 10 },
    spec_says: { type: "string", minLength: 10 },
    explains: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["pointer", "kind"],
        additionalProperties: false,
        properties: { pointer: { type: "string", pattern: "^(/.*)?$" }, kind: { type: "string" }, spec: {}, page: {} },
      },
    },
    evidence: { type: "string", minLength: 10 },
    cites: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string" } },
    confidence: { enum: ["high", "medium", "low"] },
  },
  additionalProperties: false,
};
const validateEntry = validator(entrySchema);

describe("ledger", () => {
  it("has unique ids", () => {
    const ids = ledger.entries.map((e) => e.id);
    expect(ids.length).toBeGreaterThan(40);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(ledger.entries.map((e): [string, LedgerEntry] => [e.id, e]))(
    "%s is well-formed and points at the spec",
    (_id, entry) => {
      expect(validateEntry(entry).errors).toEqual([]);
      for (const pointer of entry.pointers) {
        const found = entry.operations.filter((op) => resolves(op, pointer));
        expect(found, `pointer ${pointer} resolves in none of ${entry.operations}`).not.toEqual([]);
      }
      for (const op of entry.operations) {
        const found = entry.pointers.filter((pointer) => resolves(op, pointer));
        expect(found, `${op}: none of the pointers resolves`).not.toEqual([]);
      }
    },
  );

  it("uses every kind it declares", () => {
    const used = new Set(ledger.entries.map((e) => e.kind));
    expect(Object.keys(ledger.kinds).filter((k) => !used.has(k))).toEqual([]);
  });

  // The damage the vendor's pages are known to have; each must have a decision on record.
  it.each([
    ["body-is-joi-describe-dump", "Joi dumps shown as the body"],
    ["code-samples-send-the-dump", "the code samples that send the dump"],
    ["language-enum", "language cut to its first element"],
    ["management-mode-enum", "managementMode cut to its first element"],
    ["application-action-enum", "action cut to its first element"],
    ["management-flags-enum", "managementFlags shown as 0"],
    ["booleans-printed-true", "booleans shown as true"],
    ["unsafe-and-sparse-flags", "unsafe and sparse shown as true"],
    ["invalids-null-on-numbers", "invalids: null"],
    ["valids-empty-string", 'valids: ""'],
    ["invalids-empty-string", 'invalids: ""'],
    ["regex-placeholder-entity-id", "the {pattern: string} placeholder"],
    ["duration-bounds", "duration between 1m and 30d, 1d by default"],
    ["date-time-stray-space", "date-times with a stray space"],
    ["ids-written-as-string", 'ids written as "string"'],
    ["segment-id-string-example", 'segmentId "1"'],
    ["error-examples-contradict-schema", "error examples that contradict their schema"],
    ["organization-id-over-escaped", "the over-escaped organizationId pattern"],
    ["paths-printed-with-v1", "the Android and bulk paths printed with /v1 (and a trailing slash)"],
    ["list-example-pagination", "totalDocs 0 with one item, lean, prev/next pages"],
    ["windows-permission", "the Windows permission, printed on another copy of its page"],
    ["android-permission", "the Android permission, printed on the current rendering"],
  ])("records %s (%s)", (id) => {
    expect(ledger.entries.map((e) => e.id)).toContain(id);
  });
});
