// The converter from the pages' garbled Joi 14/15 describe() dumps to JSON Schema, one construct at
// a time, plus the two other translations the drift check relies on: printed field lists to JSON
// Schema, and the normal form both sides are compared in.
import { describe, expect, it } from "vitest";
import { convertDump, JoiConversionError, joiToJsonSchema } from "../../scripts/lib/drift/joi.js";
import { normalize } from "../../scripts/lib/drift/normalize.js";
import { fieldsToObject, fieldToSchema, loadSources, type PageField } from "../../scripts/lib/drift/sources.js";
import { operations, resolvePointer } from "../../scripts/lib/spec.js";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const PLACEHOLDER_REGEX = { name: "regex", arg: { pattern: "string" } };

describe("joiToJsonSchema: objects", () => {
  it("turns children into properties and closes the object (Joi rejects unknown keys)", () => {
    const schema = joiToJsonSchema({ type: "object", children: { a: { type: "string" }, b: { type: "boolean" } } });
    expect(schema).toEqual({
      type: "object",
      properties: { a: { type: "string" }, b: { type: "boolean" } },
      additionalProperties: false,
    });
  });

  it("keeps an object with children open only when allowUnknown is set", () => {
    expect(joiToJsonSchema({ type: "object", flags: { allowUnknown: true }, children: {} }).additionalProperties).toBe(
      true,
    );
    expect(joiToJsonSchema({ type: "object", children: {} })).toEqual({
      type: "object",
      properties: {},
      additionalProperties: false,
    });
  });

  it("reads a bare Joi.object() (no children) as free-form", () => {
    expect(joiToJsonSchema({ type: "object" })).toEqual({ type: "object", additionalProperties: true });
  });

  it("maps flags.presence: required to required, forbidden to a schema nothing satisfies (not: {}), optional to nothing", () => {
    const schema = joiToJsonSchema({
      type: "object",
      children: {
        r: { type: "string", flags: { presence: "required" } },
        o: { type: "string", flags: { presence: "optional" } },
        f: { type: "string", flags: { presence: "forbidden" } },
        d: { type: "string" },
      },
    });
    expect(schema.required).toEqual(["r"]);
    expect(schema.properties?.f).toEqual({ not: {} });
    expect(schema.properties?.o).toEqual({ type: "string" });
    expect(schema.properties?.d).toEqual({ type: "string" });
  });
});

describe("joiToJsonSchema: allowed and forbidden values", () => {
  it("reads allowOnly + valids as an enum of exactly the printed values (truncated: one value)", () => {
    expect(joiToJsonSchema({ type: "string", flags: { allowOnly: true }, valids: "es", invalids: "" })).toEqual({
      type: "string",
      enum: ["es"],
    });
    expect(joiToJsonSchema({ type: "string", flags: { allowOnly: true }, valids: ["es", "en"] }).enum).toEqual([
      "es",
      "en",
    ]);
  });

  it("keeps a number enum a number: managementFlags' printed valids 0 is enum [0]", () => {
    expect(
      joiToJsonSchema({ type: "number", flags: { unsafe: true, allowOnly: true }, valids: 0, invalids: null }),
    ).toEqual({ type: "number", enum: [0] });
  });

  it("widens the type when an allowOnly value has another JSON type", () => {
    expect(joiToJsonSchema({ type: "string", flags: { allowOnly: true }, valids: ["a", null] })).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
  });

  it("adds nothing for valids the rules already accept (allow('') on a max-length string)", () => {
    expect(joiToJsonSchema({ type: "string", valids: "", rules: { name: "max", arg: 128 } })).toEqual({
      type: "string",
      maxLength: 128,
    });
  });

  it("adds an anyOf branch for valids the rules may reject (allow('') beside a regex or a minimum length)", () => {
    const withRegex = joiToJsonSchema({ type: "string", valids: "", rules: PLACEHOLDER_REGEX });
    expect(withRegex.anyOf).toHaveLength(2);
    expect(withRegex.anyOf?.[0]?.pattern).toBeUndefined();
    expect(withRegex.anyOf?.[1]).toEqual({ type: "string", enum: [""] });
    const withMin = joiToJsonSchema({ type: "string", valids: "", rules: { name: "min", arg: 3 } });
    expect(withMin.anyOf).toEqual([
      { type: "string", minLength: 3 },
      { type: "string", enum: [""] },
    ]);
  });

  it("allows null beside a string with an anyOf branch of type null", () => {
    expect(joiToJsonSchema({ type: "string", valids: null }).anyOf).toEqual([
      { type: "string" },
      { type: "null", enum: [null] },
    ]);
  });

  it("reads invalids '' as minLength 1 when nothing else excludes the empty string", () => {
    expect(joiToJsonSchema({ type: "string", invalids: "", rules: PLACEHOLDER_REGEX }).minLength).toBe(1);
    expect(joiToJsonSchema({ type: "string", invalids: "" }).minLength).toBe(1);
  });

  it("adds nothing for invalids '' when an enum excludes it, and nothing for invalids null (±Infinity)", () => {
    expect(
      joiToJsonSchema({ type: "string", flags: { allowOnly: true }, valids: "x", invalids: "" }).minLength,
    ).toBeUndefined();
    expect(joiToJsonSchema({ type: "number", flags: { unsafe: true }, invalids: null })).toEqual({ type: "number" });
  });

  it("forbids other invalid values with not/enum", () => {
    expect(joiToJsonSchema({ type: "string", invalids: ["", "none"] })).toEqual({
      type: "string",
      minLength: 1,
      not: { enum: ["none"] },
    });
  });
});

describe("joiToJsonSchema: rules", () => {
  it("maps max/min on strings, numbers and arrays to the matching keywords", () => {
    expect(
      joiToJsonSchema({
        type: "string",
        rules: [
          { name: "min", arg: 1 },
          { name: "max", arg: 128 },
        ],
      }),
    ).toEqual({ type: "string", minLength: 1, maxLength: 128 });
    expect(
      joiToJsonSchema({
        type: "number",
        flags: { unsafe: true },
        rules: [
          { name: "min", arg: 60 },
          { name: "max", arg: 2592000 },
        ],
      }),
    ).toEqual({
      type: "number",
      minimum: 60,
      maximum: 2592000,
    });
    expect(
      joiToJsonSchema({
        type: "array",
        rules: [
          { name: "min", arg: 1 },
          { name: "max", arg: 10 },
        ],
      }),
    ).toEqual({ type: "array", minItems: 1, maxItems: 10 });
  });

  it("maps integer to type integer and reads a single rule object (the renderer's truncated rules array)", () => {
    expect(joiToJsonSchema({ type: "number", flags: { unsafe: true }, rules: { name: "integer" } })).toEqual({
      type: "integer",
    });
  });

  it("maps email to format email", () => {
    expect(joiToJsonSchema({ type: "string", rules: { name: "email", arg: {} } })).toEqual({
      type: "string",
      format: "email",
    });
  });

  it("does not take the {pattern: 'string'} placeholder (or a RegExp printed as {}) for a pattern", () => {
    for (const arg of [{ pattern: "string" }, { pattern: {} }, {}]) {
      const schema = joiToJsonSchema({ type: "string", rules: { name: "regex", arg } });
      expect(schema.pattern).toBeUndefined();
      expect(schema.$comment).toMatch(/placeholder/);
    }
  });

  it("uses a regex argument that is a real pattern", () => {
    expect(
      joiToJsonSchema({ type: "string", rules: { name: "regex", arg: { pattern: "^[a-f0-9]{24}$" } } }).pattern,
    ).toBe("^[a-f0-9]{24}$");
  });

  it("bounds a number to the safe-integer range unless flags.unsafe is set (Joi's default)", () => {
    expect(joiToJsonSchema({ type: "number" })).toEqual({ type: "number", minimum: -MAX_SAFE, maximum: MAX_SAFE });
    expect(joiToJsonSchema({ type: "number", rules: { name: "min", arg: 0 } })).toEqual({
      type: "number",
      minimum: 0,
      maximum: MAX_SAFE,
    });
    expect(joiToJsonSchema({ type: "number", flags: { unsafe: true } })).toEqual({ type: "number" });
  });

  it("keeps the description and a flags.default", () => {
    expect(
      joiToJsonSchema({ type: "number", flags: { unsafe: true, default: 86400 }, description: "seconds" }),
    ).toEqual({ type: "number", description: "seconds", default: 86400 });
  });
});

describe("joiToJsonSchema: booleans and arrays", () => {
  it("reads a boolean's printed truthy/falsy/insensitive as nothing more than type boolean", () => {
    expect(
      joiToJsonSchema({
        type: "boolean",
        flags: { insensitive: true, presence: "required" },
        truthy: true,
        falsy: true,
      }),
    ).toEqual({ type: "boolean" });
  });

  it("refuses string truthy values rather than approximating case-insensitive matching", () => {
    expect(() => joiToJsonSchema({ type: "boolean", truthy: "Y" }, "/children/flag")).toThrow(
      /\/children\/flag: truthy value "Y"/,
    );
  });

  it("converts items (one, as printed, or several as anyOf) and ignores sparse", () => {
    expect(
      joiToJsonSchema({
        type: "array",
        flags: { sparse: true },
        items: { type: "string", valids: "", rules: { name: "max", arg: 128 } },
      }),
    ).toEqual({
      type: "array",
      items: { type: "string", maxLength: 128 },
    });
    expect(joiToJsonSchema({ type: "array", items: [{ type: "string" }, { type: "boolean" }] }).items).toEqual({
      anyOf: [{ type: "string" }, { type: "boolean" }],
    });
  });
});

describe("joiToJsonSchema: what it does not know is an error naming where", () => {
  it.each([
    [{ type: "date" }, /unsupported Joi type "date"/],
    [{ type: "string", unknownKey: 1 }, /unknown key "unknownKey"/],
    [{ type: "string", flags: { trim: true } }, /unknown flag "trim"/],
    [{ type: "string", rules: { name: "hostname" } }, /unsupported rule "hostname"/],
    [{ type: "string", rules: { name: "max", arg: "128" } }, /needs a number argument/],
    [{ children: {} }, /no `type`/],
  ])("%j", (node, message) => {
    expect(() => joiToJsonSchema({ type: "object", children: { field: node } })).toThrow(JoiConversionError);
    expect(() => joiToJsonSchema({ type: "object", children: { field: node } })).toThrow(message);
    expect(() => joiToJsonSchema({ type: "object", children: { field: node } })).toThrow(/^\/children\/field: /);
  });
});

describe("convertDump: the dump as a page prints it", () => {
  it("separates the extra top-level key the page prints beside the dump", () => {
    const { schema, extras } = convertDump({
      type: "object",
      children: { a: { type: "string" } },
      mdmUserId: "698f3bde457fafa13d088791",
    });
    expect(extras).toEqual({ mdmUserId: "698f3bde457fafa13d088791" });
    expect(Object.keys(schema.properties ?? {})).toEqual(["a"]);
  });

  it("converts every transcribed page without error, keeping each page's own damage", () => {
    const bodies = new Map(
      Object.values(loadSources()).flatMap((source) =>
        source.requestBody ? [[source.operationId, convertDump(source.requestBody.joi)] as const] : [],
      ),
    );
    // A dump only for operations that take a body, and one for each of them but those whose page
    // gives its body otherwise: as a typed table (the AOSP bulk page, the Windows update page's
    // preview rendering) or as an example only (the AOSP create page), transcribed without `requestBody`.
    const withBody = operations().filter((op) => op.operation.requestBody);
    const sources = loadSources();
    expect([...bodies.keys()].filter((id) => !withBody.some((op) => op.operationId === id))).toEqual([]);
    for (const { operationId } of withBody) {
      expect(bodies.has(operationId) || sources[operationId]?.requestBody === undefined, operationId).toBe(true);
    }
    expect(bodies.size).toBeGreaterThan(0);
    const flags = (id: string) =>
      resolvePointer(bodies.get(id)?.schema, "/properties/applications/items/properties/managementFlags");
    expect(bodies.get("createAppleEnrollmentToken")?.schema.properties?.applications).toBeDefined();
    expect(flags("createAppleEnrollmentToken")).toBeUndefined(); // the create page's dump lacks it
    expect(flags("bulkCreateAppleEnrollmentTokens")).toEqual(expect.objectContaining({ type: "number", enum: [0] }));
    expect(bodies.get("createAndroidEnrollmentToken")?.schema.required).toEqual(["managementMode", "sendEmail"]);
    expect(bodies.get("bulkCreateAppleEnrollmentTokens")?.extras).toEqual({ userEmails: expect.any(Array) });
  });
});

describe("fieldToSchema: the pages' printed field lists", () => {
  it("parses the printed constraint lines", () => {
    expect(
      fieldToSchema({
        type: "string",
        presence: "optional",
        printed: ["≤ 128 characters", "Match pattern: ^[a-f]+$", "Format: date-time"],
      }),
    ).toEqual({
      type: "string",
      maxLength: 128,
      pattern: "^[a-f]+$",
      format: "date-time",
    });
    expect(fieldToSchema({ type: "integer", presence: "optional", printed: ["≥ 0"] })).toEqual({
      type: "integer",
      minimum: 0,
    });
  });

  it("reads printed values as an enum, arrays by their item type, and any as no type", () => {
    expect(fieldToSchema({ type: "string", presence: "optional", values: ["A", "B"] })).toEqual({
      type: "string",
      enum: ["A", "B"],
    });
    expect(fieldToSchema({ type: "array [string]", presence: "optional" })).toEqual({
      type: "array",
      items: { type: "string" },
    });
    expect(fieldToSchema({ type: "any", presence: "optional" })).toEqual({});
  });

  it("nests fields, with required from presence, and leaves objects open", () => {
    const schema = fieldsToObject({
      list: { type: "array [object]", presence: "required", fields: { id: { type: "string", presence: "required" } } },
    });
    expect(schema).toEqual({
      type: "object",
      properties: {
        list: { type: "array", items: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
      },
      required: ["list"],
    });
  });

  it("rejects what it cannot read", () => {
    expect(() => fieldToSchema({ type: "string", presence: "optional", printed: ["Example: x"] }, "/x")).toThrow(
      /unknown printed constraint "Example: x"/,
    );
    expect(() => fieldToSchema({ type: "float", presence: "optional" }, "/x")).toThrow(/unknown printed type "float"/);
    // A presence the type does not allow, as a hand-edited transcription could hold.
    const field: PageField = Object.assign({ type: "string", presence: "optional" as const }, { presence: "maybe" });
    expect(() => fieldsToObject({ x: field })).toThrow(/presence/);
  });
});

describe("normalize: the form both sides are compared in", () => {
  it("merges allOf, reads const as a one-value enum and drops annotations", () => {
    expect(
      normalize({
        title: "T",
        allOf: [
          { type: "object", properties: { a: { type: "string", format: "uri" } }, required: ["a"] },
          { type: "object", properties: { a: { type: "string", maxLength: 5 }, b: { const: true, description: "d" } } },
        ],
      }),
    ).toEqual({
      type: ["object"],
      properties: { a: { type: ["string"], format: "uri", maxLength: 5 }, b: { enum: [true], type: ["boolean"] } },
      required: ["a"],
    });
  });

  it("treats additionalProperties true or absent as open, and hoists a type every anyOf branch shares", () => {
    expect(normalize({ type: "object", additionalProperties: true })).toEqual({ type: ["object"] });
    expect(normalize({ anyOf: [{ type: "string" }, { type: "string", enum: [""] }] }).type).toEqual(["string"]);
  });

  it("reads anyOf [X, null] as X with null in its type, where X's keywords apply to its own type only", () => {
    const id = { type: "string", pattern: "^[a-f0-9]{24}$" };
    expect(normalize({ description: "d", anyOf: [id, { type: "null" }] })).toEqual({
      type: ["null", "string"],
      pattern: "^[a-f0-9]{24}$",
    });
    expect(normalize({ type: ["string", "null"], pattern: "^[a-f0-9]{24}$" })).toEqual(
      normalize({ anyOf: [id, { type: "null" }] }),
    );
    // An enum (or another combinator) would have to admit null itself: such an anyOf is kept as it is.
    expect(normalize({ anyOf: [{ type: "string", enum: ["a"] }, { type: "null" }] }).anyOf).toHaveLength(2);
    expect(normalize({ anyOf: [{ type: "string" }, { type: "integer" }] }).anyOf).toHaveLength(2);
  });

  it("refuses keywords it does not compare, and allOf branches that disagree", () => {
    expect(() => normalize({ type: "string", contentEncoding: "base64" }, "/x")).toThrow(
      /\/x: unsupported keyword "contentEncoding"/,
    );
    expect(() => normalize({ allOf: [{ maxLength: 1 }, { maxLength: 2 }] })).toThrow(/disagree on "maxLength"/);
  });
});
