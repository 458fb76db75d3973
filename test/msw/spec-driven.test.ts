// The handlers come from the spec, not from a list of operations: operations added to a copy of the
// bundle (a new platform's list and create, a read of one token, a delete) are handled — checked,
// stateful, with their documented answers — by the same code.
import { describe, expect, it } from "vitest";
import { loadBundle } from "../../scripts/lib/spec.js";
import type { JsonObject } from "../../src/json.js";
import { createHandlersFor } from "../../src/msw/handlers.js";
import { SpecDocument } from "../../src/msw/spec.js";
import { exampleTokens, TOKEN, useServer } from "./support.js";

const server = useServer();
const BASE = "https://api.applivery.io/v1";

/** The bundle with four operations more, written as a spec author would. */
function extendedSpec(): SpecDocument {
  const bundle = structuredClone(loadBundle()) as unknown as JsonObject & { paths: Record<string, JsonObject> };
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const errors = {
    "401": { $ref: "#/components/responses/Unauthorized" },
    "404": { $ref: "#/components/responses/NotFound" },
  };
  const apple = bundle.paths["/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens"];
  const create = structuredClone((apple?.post ?? {}) as JsonObject);
  const list = structuredClone((apple?.get ?? {}) as JsonObject);
  bundle.paths["/organizations/{organizationId}/mdm/tvos/enrollment-tokens"] = {
    parameters: [{ $ref: "#/components/parameters/OrganizationId" }],
    get: { ...list, operationId: "listTvosEnrollmentTokens" },
    post: { ...create, operationId: "createTvosEnrollmentToken" },
  };
  bundle.paths["/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens/{tokenId}"] = {
    parameters: [
      { $ref: "#/components/parameters/OrganizationId" },
      { name: "tokenId", in: "path", required: true, schema: ref("EntityId") },
    ],
    get: {
      operationId: "getAppleEnrollmentToken",
      responses: {
        "200": {
          description: "The token.",
          content: { "application/json": { schema: ref("AppleEnrollmentTokenResponse") } },
        },
        ...errors,
      },
    },
    delete: {
      operationId: "deleteAppleEnrollmentToken",
      responses: {
        "200": {
          description: "Deleted.",
          content: { "application/json": { examples: { deleted: { value: { status: true, data: { deleted: 1 } } } } } },
        },
        ...errors,
      },
    },
  };
  return new SpecDocument(bundle);
}

const spec = extendedSpec();

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { status: boolean; data?: JsonObject; error?: JsonObject },
  };
}

describe("operations added to the spec", () => {
  it("are classified from what they answer", () => {
    const kinds = Object.fromEntries(spec.operations.map((op) => [op.operationId, [op.kind, op.collection]]));
    expect(kinds).toMatchObject({
      listAppleEnrollmentTokens: ["list", "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens"],
      bulkCreateAppleEnrollmentTokens: [
        "bulk",
        "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens",
      ],
      createWindowsEnrollmentToken: [
        "create",
        "/organizations/{organizationId}/mdm/windows/enterprise/enrollment-tokens",
      ],
      listTvosEnrollmentTokens: ["list", "/organizations/{organizationId}/mdm/tvos/enrollment-tokens"],
      createTvosEnrollmentToken: ["create", "/organizations/{organizationId}/mdm/tvos/enrollment-tokens"],
      getAppleEnrollmentToken: ["read", "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens"],
      deleteAppleEnrollmentToken: ["example", undefined],
    });
  });

  it("are handled: a new collection is created into and listed, a token is read by id", async () => {
    const mock = createHandlersFor(spec);
    server.use(...mock.handlers);
    expect(mock.handlers).toHaveLength(spec.operations.length);

    const tvos = "/organizations/acme-corp/mdm/tvos/enrollment-tokens";
    const created = await call("POST", tvos, {
      mdmUserId: "0123456789abcdef01234567",
      sendEmail: false,
      displayName: "Lobby TV",
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ displayName: "Lobby TV", mdmUser: { id: "0123456789abcdef01234567" } });
    const listed = await call("GET", `${tvos}?sort=createdAt:desc&limit=1`);
    // The new collection's list and create are copies of Apple's: it starts from the same examples' tokens.
    const total = exampleTokens("listAppleEnrollmentTokens").length + 1;
    expect(listed.body.data).toMatchObject({ totalDocs: total, page: 1, totalPages: total, nextPage: 2 });
    const items = (listed.body.data?.items ?? []) as JsonObject[];
    expect(items[0]?.id).toBe(created.body.data?.id);

    const apple = "/organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens";
    const own = await call("POST", apple, { mdmUserId: "0123456789abcdef01234567", sendEmail: true });
    const read = await call("GET", `${apple}/${String(own.body.data?.id)}`);
    expect(read).toEqual({ status: 200, body: { status: true, data: own.body.data } });
    expect(await call("GET", `${apple}/ffffffffffffffffffffffff`)).toEqual({
      status: 404,
      body: { status: false, error: { code: 3001, message: "Entity not found" } },
    });
    expect(await call("DELETE", `${apple}/ffffffffffffffffffffffff`)).toEqual({
      status: 200,
      body: { status: true, data: { deleted: 1 } },
    });
  });

  it("a bulk body's addresses are its required list of strings, whatever its name", async () => {
    // A copy of the bundle whose bulk body calls its addresses `recipients`, declared after an optional list of strings.
    const bundle = structuredClone(loadBundle()) as unknown as JsonObject & {
      components: { schemas: Record<string, { required: string[]; properties: Record<string, unknown> }> };
    };
    const body = bundle.components.schemas.AppleEnrollmentTokenBulkCreateRequest;
    if (!body) throw new Error("the bundle has no AppleEnrollmentTokenBulkCreateRequest");
    const { userEmails, ...others } = body.properties;
    body.properties = { ...others, recipients: userEmails };
    body.required = body.required.map((name) => (name === "userEmails" ? "recipients" : name));
    const mock = createHandlersFor(new SpecDocument(bundle), { fixtures: false });
    server.use(...mock.handlers);

    const recipients = ["ana@example.com", "li@example.com"];
    const bulk = await call("POST", "/organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens/bulk", {
      recipients,
      sendEmail: false,
      profiles: ["0123456789abcdef01234567"],
    });
    expect(bulk).toEqual({ status: 200, body: { status: true, data: { total: 2, success: 2, fail: 0 } } });
    const tokens = mock.tokens("listAppleEnrollmentTokens");
    expect(tokens.map((t) => t.mdmUser?.email)).toEqual(recipients);
  });

  it("are checked and answer their documented errors", async () => {
    const mock = createHandlersFor(spec);
    server.use(...mock.handlers);
    const apple = "/organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens";
    expect(await call("GET", `${apple}/not-an-id`)).toMatchObject({
      status: 400,
      body: { error: { message: 'path.tokenId: must match pattern "^[a-fA-F0-9]{24}$"' } },
    });
    expect(
      await call("POST", "/organizations/acme-corp/mdm/tvos/enrollment-tokens", { sendEmail: false, tvOnly: 1 }),
    ).toMatchObject({
      status: 400,
      body: { error: { message: "body.mdmUserId: is required; body.tvOnly: unknown key" } },
    });
    expect(await call("DELETE", `${apple}/ffffffffffffffffffffffff`, undefined, { authorization: "" })).toMatchObject({
      status: 401,
      body: { error: { code: 4002 } },
    });
    mock.fail("deleteAppleEnrollmentToken" as never, "entityNotFound");
    expect(await call("DELETE", `${apple}/ffffffffffffffffffffffff`)).toMatchObject({
      status: 404,
      body: { error: { code: 3001 } },
    });
  });
});
