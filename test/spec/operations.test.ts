// What every operation of the spec has, whatever the operations are: an operationId, one platform
// tag, one permission (machine-readable and in its description), the organization as a path
// parameter, 200/401/404 with the error envelope, a JSON body exactly when it is a POST or a PUT. And what
// the vendor's pages (spec/sources/) print agrees with it: one page per operation, the same method,
// path, permission and query parameters, or a ledger entry that explains the difference.
import { describe, expect, it } from "vitest";
import { loadSources, type PageEndpoint } from "../../scripts/lib/drift/sources.js";
import { loadLedger } from "../../scripts/lib/ledger.js";
import type { SpecOperation } from "../../scripts/lib/openapi.js";
import { loadBundle, operations } from "../../scripts/lib/spec.js";

const bundle = loadBundle();
const ops = operations(bundle);
const sources = loadSources();
const ledger = loadLedger();
const SERVER = "https://api.applivery.io/v1";
const PERMISSION_POINTER = "/security/0/bearerAuth/0";

/** The page of an operation (its presence is a test of its own). */
const pageOf = (op: SpecOperation) => {
  const source = sources[op.operationId];
  if (!source) throw new Error(`${op.operationId}: no page in spec/sources/`);
  return source;
};

/** The ledger entries that list the operation and name the pointer. */
const entriesFor = (operationId: string, pointer: string) =>
  ledger.entries.filter((entry) => entry.operations.includes(operationId) && entry.pointers.includes(pointer));

/** The one permission of an operation's security requirement. */
const permissionOf = (op: SpecOperation): string | undefined => op.operation.security?.[0]?.bearerAuth?.[0];

/**
 * A printed method and path in the spec's terms, as the drift check reads them: a URL relative to
 * the server (which ends in /v1), Express-style `:name` as `{name}`.
 */
const printedEndpoint = ({ method, url, path }: PageEndpoint): string => {
  const printed = url === undefined ? (path ?? "") : url.startsWith(SERVER) ? url.slice(SERVER.length) : url;
  return `${method} ${printed.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`;
};
const endpointOf = (op: SpecOperation) => `${op.method.toUpperCase()} ${op.path}`;

describe("the operations", () => {
  it("each have exactly one page (spec/sources/<operationId>.json), and each page an operation", () => {
    const ids = ops.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(sources).sort());
    expect(ids.length).toBeGreaterThan(0);
  });

  it("are served from https://api.applivery.io/v1 with bearer auth, as every page prints", () => {
    expect(bundle.servers?.map((server) => server.url)).toEqual([SERVER]);
    expect(bundle.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    for (const source of Object.values(sources)) {
      expect(source.auth, source.operationId).toBe("Authorization: Bearer <token>");
      for (const endpoint of source.endpoints) {
        if (endpoint.url !== undefined) expect(endpoint.url.startsWith(`${SERVER}/`), endpoint.url).toBe(true);
      }
    }
  });

  it("are where at least one page prints them: the method-and-path comparison below is not vacuous", () => {
    const agreeing = ops.filter((op) =>
      pageOf(op).endpoints.some((endpoint) => printedEndpoint(endpoint) === endpointOf(op)),
    );
    expect(agreeing.length).toBeGreaterThan(0);
  });
});

describe.each(ops)("$operationId", (op) => {
  const { operationId, operation } = op;
  const page = pageOf(op);

  it("is tagged with one platform, the one its path names", () => {
    const platforms = (bundle.tags ?? []).map((tag) => tag.name);
    expect(operation.tags).toHaveLength(1);
    const [tag] = operation.tags ?? [];
    expect(platforms).toContain(tag);
    expect(op.path).toContain(`/mdm/${tag?.toLowerCase()}/`);
  });

  it("requires bearer auth with exactly one permission, machine-readable and in its description", () => {
    const permission = permissionOf(op);
    expect(permission).toEqual(expect.any(String));
    expect(operation.security).toEqual([{ bearerAuth: [permission] }]);
    expect(operation.description).toContain(`**Required permission:** \`${permission}\``);
  });

  it("names its permission as the family does: mdm.<platform>.enrollmentToken.<action>", () => {
    const platform = operation.tags?.[0]?.toLowerCase();
    // The action follows from the method, and for a GET from whether the path names one token.
    const one = /\}$/.test(op.path);
    const actions: Record<string, string> = {
      get: one ? "get" : "list",
      post: "create",
      put: "update",
      delete: "remove",
    };
    expect(permissionOf(op)).toBe(`mdm.${platform}.enrollmentToken.${actions[op.method]}`);
  });

  it("requires the permission a rendering of its page prints; where another prints none, the ledger explains it", () => {
    const permission = permissionOf(op);
    const printed = [page.permission, ...(page.renderings ?? []).map((r) => r.permission)];
    expect(printed, `no rendering of the page prints ${permission}`).toContain(permission);
    if (printed.some((p) => p !== undefined && p !== permission)) {
      const entries = entriesFor(operationId, PERMISSION_POINTER).filter((entry) =>
        (entry.explains ?? []).some((item) => item.kind === "permission" && item.spec === permission),
      );
      expect(entries.map((e) => e.id)).not.toEqual([]);
      for (const entry of entries) expect(entry.spec_says, entry.id).toContain(permission);
    }
  });

  it("has the method and path its page prints, or the ledger explains each other printed one", () => {
    const endpoints = [page.endpoints, ...(page.renderings ?? []).map((r) => r.endpoints)].flatMap(
      (list) => list ?? [],
    );
    const explained = (where: string | null) =>
      ledger.entries.some(
        (entry) =>
          entry.operations.includes(operationId) &&
          (entry.explains ?? []).some((item) => item.pointer === "" && item.kind === "endpoint" && item.page === where),
      );
    for (const endpoint of endpoints) {
      if (printedEndpoint(endpoint) === endpointOf(op)) continue;
      const where = `${endpoint.where}: ${endpoint.method} ${endpoint.url ?? endpoint.path}`;
      expect(explained(where), `${where} is explained by no ledger entry`).toBe(true);
    }
    if (page.endpoints.length === 0) expect(explained(null), "a page that prints no path").toBe(true);
  });

  it("takes the organization, and every name of its path template, as a required path parameter", () => {
    expect(operation.parameters.find((p) => p.name === "organizationId")).toMatchObject({ in: "path", required: true });
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    expect(operation.parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(names);
    for (const parameter of operation.parameters.filter((p) => p.in === "path")) {
      expect(parameter.required, parameter.name).toBe(true);
    }
  });

  it("takes exactly the query parameters its page prints, in the page's order", () => {
    const inPath = new Set(operation.parameters.filter((p) => p.in === "path").map((p) => p.name));
    const printed = page.parameters.map((p) => p.name).filter((name) => !inPath.has(name));
    const query = operation.parameters.filter((p) => p.in === "query").map((p) => p.name);
    expect(query).toEqual(printed);
    expect(operation.parameters.every((p) => p.in === "path" || p.in === "query")).toBe(true);
  });

  it("declares 200, 401 and 404, every error with the shared envelope", () => {
    const statuses = Object.keys(operation.responses);
    expect(statuses).toEqual(expect.arrayContaining(["200", "401", "404"]));
    const errors = statuses.filter((status) => status.startsWith("4"));
    for (const status of errors) {
      expect(operation.responses[status]?.content?.["application/json"]?.schema?.title, status).toBe("ErrorEnvelope");
    }
  });

  if (op.method === "post" || op.method === "put") {
    it(`is a ${op.method.toUpperCase()}: requires a JSON body and declares 400`, () => {
      expect(operation.requestBody?.required).toBe(true);
      expect(Object.keys(operation.requestBody?.content ?? {})).toEqual(["application/json"]);
      expect(operation.responses["400"]).toBeDefined();
    });
  } else {
    it(`is a ${op.method.toUpperCase()}: has no body`, () => {
      expect(["get", "delete"]).toContain(op.method);
      expect(operation.requestBody).toBeUndefined();
    });
  }
});
