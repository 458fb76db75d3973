// Operations are known by their method and path shape, and operations the spec does not have come
// for free: on a copy of the bundle whose item paths gain methods (PUT, PATCH, a soft DELETE and
// OPTIONS on Apple's; a read and a hard DELETE on Windows'), the same code reads, updates and
// deletes what it created, keeps lists in step, and checks and fails the added operations too.
import { describe, expect, it } from "vitest";
import { loadBundle } from "../../scripts/lib/spec.js";
import type { JsonObject } from "../../src/json.js";
import { handlersFor } from "../../src/msw/handlers.js";
import { Spec } from "../../src/msw/spec.js";
import { TOKEN, useServer } from "./support.js";

const server = useServer();
const BASE = "https://api.applivery.io/v1";
const APPLE = "/organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens";
const WINDOWS = "/organizations/acme-corp/mdm/windows/enterprise/enrollment-tokens";
const MISSING = "ffffffffffffffffffffffff";

type Bundle = JsonObject & {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject & { required: string[]; properties: Record<string, unknown> }> };
};
const copyOfBundle = () => structuredClone(loadBundle()) as unknown as Bundle;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, examples?: JsonObject) => ({
  "application/json": { schema, ...(examples && { examples }) },
});
const errors = {
  "401": { $ref: "#/components/responses/Unauthorized" },
  "404": { $ref: "#/components/responses/NotFound" },
};
const answers = (schema: string) => ({ "200": { description: "The token.", content: json(ref(schema)) }, ...errors });
const item = (tokens: string, id: string) =>
  `/organizations/{organizationId}/mdm/${tokens}/enterprise/enrollment-tokens/{${id}}`;

/**
 * The bundle with operations the spec does not have, written as a spec author would, on the item
 * paths it has: Apple's (a read) gains PUT, PATCH, a soft DELETE and OPTIONS; Windows' (an
 * update) gains a read and a hard DELETE; and the Windows list no longer says it answers a page.
 */
function extendedSpec(): Spec {
  const bundle = copyOfBundle();
  const update = (operationId: string) => ({
    operationId,
    requestBody: {
      required: true,
      content: json({
        type: "object",
        additionalProperties: false,
        properties: { displayName: ref("DisplayName"), tags: ref("Tags") },
      }),
    },
    responses: answers("AppleEnrollmentTokenResponse"),
  });
  const apple = bundle.paths[item("apple", "admEnrollmentTokenId")];
  const windows = bundle.paths[item("windows", "winEnrollmentTokenId")];
  const windowsList = bundle.paths["/organizations/{organizationId}/mdm/windows/enterprise/enrollment-tokens"]?.get;
  if (!apple?.get || !windows?.put || !windowsList) throw new Error("the bundle lacks the operations extended here");
  if (apple.put || apple.patch || apple.delete || apple.options || windows.get || windows.delete)
    throw new Error("the bundle has an operation added here: extend other paths");
  Object.assign(apple, {
    put: update("updateAppleEnrollmentToken"),
    patch: update("patchAppleEnrollmentToken"),
    // A soft delete: it answers the token, whose state says DELETED.
    delete: { operationId: "deleteAppleEnrollmentToken", responses: answers("AppleEnrollmentTokenResponse") },
    options: {
      operationId: "optionsAppleEnrollmentToken",
      responses: { "200": { description: "Allowed.", content: json({}, { allowed: { value: { status: true } } }) } },
    },
  });
  // A list whose answer is not described as a page (the old mock classified by that), and a delete that answers a count.
  windowsList.responses = { "200": { description: "A page.", content: json(ref("FreeFormObject")) }, ...errors };
  Object.assign(windows, {
    get: { operationId: "getWindowsEnrollmentToken", responses: answers("WindowsEnrollmentTokenResponse") },
    delete: {
      operationId: "deleteWindowsEnrollmentToken",
      responses: {
        "200": {
          description: "Deleted.",
          content: json({}, { deleted: { value: { status: true, data: { deleted: 1 } } } }),
        },
        ...errors,
      },
    },
  });
  return new Spec(bundle);
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
  return { status: response.status, body: (await response.json()) as { data?: JsonObject; error?: JsonObject } };
}

const install = (options = {}, on = spec) => {
  const mock = handlersFor(on, options);
  server.use(...mock.handlers);
  return mock;
};
const create = async (displayName: string) =>
  (await call("POST", APPLE, { mdmUserId: "0123456789abcdef01234567", sendEmail: false, displayName })).body.data ?? {};
const listed = async (query = "") =>
  ((await call("GET", `${APPLE}?limit=100${query}`)).body.data?.items as JsonObject[] | undefined)?.map(
    (t) => t.displayName,
  );

describe("an operation is known by its method and path", () => {
  it("never by what it answers", () => {
    const kinds = Object.fromEntries(spec.operations.map((op) => [op.operationId, `${op.kind} ${op.collection}`]));
    const collection = (platform: string) =>
      `/organizations/{organizationId}/mdm/${platform}/enterprise/enrollment-tokens`;
    const [apple, windows, aosp] = ["apple", "windows", "aosp"].map(collection);
    expect(kinds).toEqual({
      listAppleEnrollmentTokens: `list ${apple}`,
      createAppleEnrollmentToken: `create ${apple}`,
      bulkCreateAppleEnrollmentTokens: `bulk ${apple}`,
      getAppleEnrollmentToken: `read ${apple}`,
      updateAppleEnrollmentToken: `update ${apple}`,
      patchAppleEnrollmentToken: `update ${apple}`,
      deleteAppleEnrollmentToken: `delete ${apple}`,
      optionsAppleEnrollmentToken: `example ${apple}`,
      listWindowsEnrollmentTokens: `list ${windows}`,
      createWindowsEnrollmentToken: `create ${windows}`,
      bulkCreateWindowsEnrollmentTokens: `bulk ${windows}`,
      getWindowsEnrollmentToken: `read ${windows}`,
      updateWindowsEnrollmentToken: `update ${windows}`,
      deleteWindowsEnrollmentToken: `delete ${windows}`,
      createAndroidEnrollmentToken: `create ${collection("android")}`,
      listAospEnrollmentTokens: `list ${aosp}`,
      createAospEnrollmentToken: `create ${aosp}`,
      bulkCreateAospEnrollmentTokens: `bulk ${aosp}`,
      deleteAospEnrollmentToken: `delete ${aosp}`,
    });
  });

  it("bulk is the generated flag (POST on …/bulk), whatever the operation answers", async () => {
    const bundle = copyOfBundle();
    const bulk = bundle.paths["/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens/bulk"]?.post;
    if (!bulk) throw new Error("the bundle has no bulk creation");
    bulk.responses = answers("AppleEnrollmentTokenResponse");
    const mock = install({ fixtures: false }, new Spec(bundle));
    const userEmails = ["ana@example.com", "li@example.com"];
    await call("POST", `${APPLE}/bulk`, { userEmails, sendEmail: false });
    expect(mock.tokens("listAppleEnrollmentTokens").map((t) => t.mdmUser?.email)).toEqual(userEmails);
  });

  it("a bulk body's list is the array field the single create lacks, not its first required list of strings", async () => {
    // The addresses renamed, optional and declared after a required list of ids: only the comparison with the create finds them.
    const bundle = copyOfBundle();
    const body = bundle.components.schemas.AppleEnrollmentTokenBulkCreateRequest;
    if (!body) throw new Error("the bundle has no AppleEnrollmentTokenBulkCreateRequest");
    const { userEmails, profiles, ...others } = body.properties;
    body.properties = { profiles, ...others, recipients: userEmails };
    body.required = ["profiles", "sendEmail"];
    const mock = install({ fixtures: false }, new Spec(bundle));
    const recipients = ["ana@example.com", "li@example.com"];
    const bulk = await call("POST", `${APPLE}/bulk`, {
      profiles: ["0123456789abcdef01234567"],
      sendEmail: false,
      recipients,
    });
    expect(bulk).toEqual({ status: 200, body: { status: true, data: { total: 2, success: 2, fail: 0 } } });
    const tokens = mock.tokens("listAppleEnrollmentTokens");
    expect(tokens.map((t) => t.mdmUser?.email)).toEqual(recipients);
    expect(tokens.map((t) => t.profiles?.map((p) => p.id))).toEqual([
      ["0123456789abcdef01234567"],
      ["0123456789abcdef01234567"],
    ]);
  });

  it("an operation of any method is handled: OPTIONS answers its documented example", async () => {
    install();
    expect(await call("OPTIONS", `${APPLE}/${MISSING}`)).toEqual({ status: 200, body: { status: true } });
  });
});

describe("read, update and delete", () => {
  it("a read finds what was created, or answers the documented 404", async () => {
    install();
    const created = await create("Kiosk");
    expect(await call("GET", `${APPLE}/${created.id}`)).toEqual({ status: 200, body: { status: true, data: created } });
    for (const method of ["GET", "DELETE"]) {
      expect(await call(method, `${APPLE}/${MISSING}`)).toEqual({
        status: 404,
        body: { status: false, error: { code: 3001, message: "Entity not found" } },
      });
    }
    expect((await call("PUT", `${APPLE}/${MISSING}`, { displayName: "x" })).status).toBe(404);
  });

  it("PUT and PATCH change the token; reads and lists see the change", async () => {
    let clock = Date.parse("2026-05-01T12:00:00Z");
    install({ now: () => new Date(clock) });
    const created = await create("Kiosk");
    clock += 60_000;
    const updated = await call("PUT", `${APPLE}/${created.id}`, { displayName: "Lobby", tags: ["hall"] });
    expect(updated.body.data).toEqual({
      ...created,
      displayName: "Lobby",
      tags: ["hall"],
      updatedAt: "2026-05-01T12:01:00.000Z",
    });
    const patched = await call("PATCH", `${APPLE}/${created.id}`, { tags: [] });
    expect(patched.body.data).toMatchObject({ displayName: "Lobby", tags: [] });
    expect((await call("GET", `${APPLE}/${created.id}`)).body.data).toEqual(patched.body.data);
    expect((await listed("&sort=createdAt:desc"))?.[0]).toBe("Lobby");
  });

  it("a delete that answers the token marks it DELETED: lists leave it out unless show-deleted=true, a read still finds it", async () => {
    install({ fixtures: false });
    const kept = await create("kept");
    const gone = await create("gone");
    const deleted = await call("DELETE", `${APPLE}/${gone.id}`);
    expect(deleted).toMatchObject({ status: 200, body: { status: true, data: { id: gone.id, state: "DELETED" } } });
    expect(await listed()).toEqual(["kept"]);
    expect(await listed("&show-deleted=true")).toEqual(["kept", "gone"]);
    expect((await call("GET", `${APPLE}/${gone.id}`)).body.data).toMatchObject({ state: "DELETED" });
    expect((await call("GET", `${APPLE}/${kept.id}`)).body.data).toMatchObject({ state: kept.state });
  });

  it("a delete that answers something else removes the token", async () => {
    const mock = install({ fixtures: false });
    const token = (
      await call("POST", WINDOWS, { mdmUserId: "0123456789abcdef01234567", sendEmail: false, displayName: "PC" })
    ).body.data;
    const page = await call("GET", `${WINDOWS}?limit=5`);
    expect(page.body.data).toMatchObject({ totalDocs: 1, limit: 5, items: [{ id: token?.id }] });
    expect(await call("DELETE", `${WINDOWS}/${token?.id}`)).toEqual({
      status: 200,
      body: { status: true, data: { deleted: 1 } },
    });
    expect((await call("GET", `${WINDOWS}/${token?.id}`)).status).toBe(404);
    expect(mock.tokens("createWindowsEnrollmentToken")).toEqual([]);
  });

  it("the added operations are checked and answer their documented errors", async () => {
    const mock = install();
    expect(await call("GET", `${APPLE}/not-an-id`)).toMatchObject({
      status: 400,
      body: { error: { message: 'path.admEnrollmentTokenId: must match pattern "^[a-fA-F0-9]{24}$"' } },
    });
    expect(await call("PUT", `${APPLE}/${MISSING}`, { displayName: 1, state: "DONE" })).toMatchObject({
      status: 400,
      body: { error: { message: "body.state: unknown key; body.displayName: must be string" } },
    });
    expect(await call("DELETE", `${APPLE}/${MISSING}`, undefined, { authorization: "" })).toMatchObject({
      status: 401,
      body: { error: { code: 4002 } },
    });
    mock.fail("deleteAppleEnrollmentToken" as never, "entityNotFound" as never);
    const [created] = mock.tokens("listAppleEnrollmentTokens");
    expect(await call("DELETE", `${APPLE}/${created?.id}`)).toMatchObject({
      status: 404,
      body: { error: { code: 3001 } },
    });
  });
});
