// The handlers' state: fixtures from the spec's examples, created tokens in later lists, paging,
// sorting, filters, bulk counts, reset, and isolation between handler sets.
import { describe, expect, it } from "vitest";
import { validator } from "../../scripts/lib/ajv.js";
import { loadBundle } from "../../scripts/lib/spec.js";
import { createHandlers } from "../../src/msw/index.js";
import {
  argsOf,
  client,
  exampleTokens,
  install,
  method,
  ORG,
  specOperations,
  useServer,
  validRequest,
} from "./support.js";

const server = useServer();
const bundle = loadBundle();
const HEX24 = /^[a-f0-9]{24}$/;
/** How many tokens the Apple collection starts with: those of the spec's examples. */
const APPLE_FIXTURES = exampleTokens("listAppleEnrollmentTokens").length;

/** A clock that moves one second per reading, from a fixed instant. */
function ticking(start = Date.parse("2026-05-01T12:00:00Z")) {
  let t = start - 1000;
  return () => {
    t += 1000;
    return new Date(t);
  };
}

const minimal = (mdmUserId: string, extra: Record<string, unknown> = {}) => ({ mdmUserId, sendEmail: false, ...extra });

describe("fixtures", () => {
  it("start from the tokens of the spec's examples, each with a unique 24-hex id", async () => {
    const mock = install(server);
    const listed = await client().listAppleEnrollmentTokens({ organizationId: ORG });
    const ids = listed.items?.map((t) => t.id) ?? [];
    // The items of the list examples and the data of the create example, in document order.
    expect(APPLE_FIXTURES).toBeGreaterThan(0);
    expect(ids).toEqual(exampleTokens("listAppleEnrollmentTokens").map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(HEX24);
    expect(mock.tokens("listAppleEnrollmentTokens").map((t) => t.id)).toEqual(ids);
    for (const operationId of ["createWindowsEnrollmentToken", "createAndroidEnrollmentToken"] as const) {
      expect(mock.tokens(operationId)).toHaveLength(exampleTokens(operationId).length);
    }
  });

  it("can be given per collection (any of its operations names it), or left empty", async () => {
    const mock = install(server, {
      fixtures: {
        listAppleEnrollmentTokens: [
          { displayName: "no id yet" },
          { id: "aaaaaaaaaaaaaaaaaaaaaaaa", displayName: "a" },
          { id: "aaaaaaaaaaaaaaaaaaaaaaaa", displayName: "same id" },
        ],
      },
    });
    const tokens = mock.tokens("createAppleEnrollmentToken");
    expect(tokens.map((t) => t.displayName)).toEqual(["no id yet", "a", "same id"]);
    expect(tokens[1]?.id).toBe("aaaaaaaaaaaaaaaaaaaaaaaa");
    expect(new Set(tokens.map((t) => t.id)).size).toBe(3);
    for (const token of tokens) expect(token.id).toMatch(HEX24);
    // Collections the option does not name keep the examples.
    expect(mock.tokens("createWindowsEnrollmentToken")).toHaveLength(
      exampleTokens("createWindowsEnrollmentToken").length,
    );

    const empty = createHandlers({ fixtures: false });
    expect(empty.tokens("listAppleEnrollmentTokens")).toEqual([]);
    expect(() => createHandlers({ fixtures: { bulkCreateAppleEnrollmentTokens: [] } as never })).toThrow(TypeError);
  });
});

describe("creating", () => {
  it("a created token appears in the next list, built from the request", async () => {
    const now = new Date("2026-05-01T12:00:00.000Z");
    install(server, { now: () => now });
    const applivery = client();
    const created = await applivery.createAppleEnrollmentToken({
      organizationId: ORG,
      body: minimal("0123456789abcdef01234567", { displayName: "Kiosk iPad", tags: ["lobby"], duration: 3600 }),
    });
    expect(created).toMatchObject({
      displayName: "Kiosk iPad",
      tags: ["lobby"],
      mdmUser: { id: "0123456789abcdef01234567" },
      sendEmail: false,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      // The example's other date-times, moved by as much as its createdAt.
      expireAt: expect.stringMatching(/^2026-05-/),
      // Optional fields the request left out are empty, not the example's.
      emailText: "",
      profiles: [],
      applications: [],
    });
    expect(created.id).toMatch(HEX24);

    const listed = await applivery.listAppleEnrollmentTokens({ organizationId: ORG, query: { limit: 100 } });
    expect(listed.items?.find((t) => t.id === created.id)).toEqual(created);
    expect(listed.totalDocs).toBe(APPLE_FIXTURES + 1);
  });

  it.each(specOperations.filter((op) => op.method === "post"))(
    "$operationId answers data that validates against its documented 200 response",
    async (op) => {
      install(server);
      const request = validRequest(op.operationId);
      const schema = op.operation.responses["200"]?.content?.["application/json"]?.schema;
      expect(schema).toBeDefined();
      const check = validator(derefAll(schema));
      const response = await fetch(`https://api.applivery.io/v1${op.path.replace("{organizationId}", ORG)}`, {
        method: "POST",
        headers: { authorization: "Bearer x", "content-type": "application/json" },
        body: JSON.stringify(request.body),
      });
      expect(response.status).toBe(200);
      const body: unknown = await response.json();
      const result = check(body);
      expect(result.errors).toEqual([]);
      // And the client accepts it.
      await expect(method(client(), op.operationId)(argsOf(request))).resolves.toBeDefined();
    },
  );
});

/** The schema with every local $ref followed (for the independent validator). */
function derefAll(schema: unknown): object {
  const follow = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(follow);
    if (node === null || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") {
      const target = record.$ref
        .slice(2)
        .split("/")
        .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], bundle);
      const { $ref: _, ...rest } = record;
      return { ...(follow(target) as object), ...(follow(rest) as object) };
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, follow(v)]));
  };
  return follow(schema) as object;
}

describe("listing", () => {
  it("paginate with limit 1 visits every token once, across pages", async () => {
    const mock = install(server);
    const applivery = client();
    for (const name of ["one", "two", "three"]) {
      await applivery.createAppleEnrollmentToken({
        organizationId: ORG,
        body: minimal("0123456789abcdef01234567", { displayName: name }),
      });
    }
    const seen: string[] = [];
    for await (const token of applivery.paginate("listAppleEnrollmentTokens", {
      organizationId: ORG,
      query: { limit: 1 },
    })) {
      seen.push(token.id ?? "");
    }
    const all = mock.tokens("listAppleEnrollmentTokens").map((t) => t.id);
    expect(all).toHaveLength(APPLE_FIXTURES + 3);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("answers mongoose-paginate-v2's paging fields", async () => {
    install(server, {
      fixtures: { listAppleEnrollmentTokens: Array.from({ length: 5 }, (_, i) => ({ displayName: `t${i}` })) },
    });
    const list = (query: { page?: number; limit?: number }) =>
      client().listAppleEnrollmentTokens({ organizationId: ORG, query });
    const paging = ({ items, ...meta }: Awaited<ReturnType<typeof list>>) => ({ count: items?.length, ...meta });

    expect(paging(await list({ limit: 2 }))).toEqual({
      count: 2,
      totalDocs: 5,
      limit: 2,
      page: 1,
      totalPages: 3,
      hasPrevPage: false,
      hasNextPage: true,
      prevPage: null,
      nextPage: 2,
    });
    expect(paging(await list({ limit: 2, page: 3 }))).toMatchObject({
      count: 1,
      page: 3,
      hasPrevPage: true,
      prevPage: 2,
      hasNextPage: false,
      nextPage: null,
    });
    // Past the last page: no items, still pointing back.
    expect(paging(await list({ limit: 2, page: 7 }))).toMatchObject({ count: 0, page: 7, prevPage: 6, nextPage: null });
    // limit 0: the counts, no items.
    expect(paging(await list({ limit: 0 }))).toEqual({
      count: 0,
      totalDocs: 5,
      limit: 0,
      page: 1,
      totalPages: 1,
      hasPrevPage: false,
      hasNextPage: false,
      prevPage: null,
      nextPage: null,
    });
    // No limit: mongoose-paginate-v2's 10.
    expect(paging(await list({}))).toMatchObject({ count: 5, limit: 10, totalPages: 1 });
  });

  it("an empty collection is one page with nothing on it", async () => {
    install(server, { fixtures: false });
    const page = await client().listAppleEnrollmentTokens({ organizationId: ORG });
    expect(page).toEqual({
      items: [],
      totalDocs: 0,
      limit: 10,
      page: 1,
      totalPages: 1,
      hasPrevPage: false,
      hasNextPage: false,
      prevPage: null,
      nextPage: null,
    });
  });

  it("sorts by field:asc, field:desc and field, ties in creation order", async () => {
    install(server, { fixtures: false, now: ticking() });
    const applivery = client();
    const names = ["delta", "alpha", "charlie", "bravo"];
    const ids: string[] = [];
    for (const displayName of names) {
      const token = await applivery.createAppleEnrollmentToken({
        organizationId: ORG,
        body: minimal("0123456789abcdef01234567", { displayName }),
      });
      ids.push(token.id ?? "");
    }
    const order = async (sort?: string) =>
      (
        await applivery.listAppleEnrollmentTokens({ organizationId: ORG, query: sort === undefined ? {} : { sort } })
      ).items?.map((t) => t.displayName);
    expect(await order()).toEqual(names);
    expect(await order("createdAt:desc")).toEqual([...names].reverse());
    expect(await order("createdAt:asc")).toEqual(names);
    expect(await order("displayName")).toEqual(["alpha", "bravo", "charlie", "delta"]);
    expect(await order("displayName:desc")).toEqual(["delta", "charlie", "bravo", "alpha"]);
    // A nested field; equal values keep creation order.
    expect(await order("mdmUser.id")).toEqual(names);
    expect(await order("mdmUser.id:desc")).toEqual([...names].reverse());
  });

  it("honours the documented filters: mdm-user, adm-policy, show-deleted", async () => {
    const user = "698f3bde457fafa13d088791";
    const policy = "698f42e5457fafa13d088795";
    install(server, {
      fixtures: {
        listAppleEnrollmentTokens: [
          { displayName: "mine", mdmUser: { id: user }, state: "PENDING" },
          { displayName: "with policy", admPolicyAssignments: [{ admPolicyId: policy, priority: 1 }], state: "DONE" },
          { displayName: "deleted", mdmUser: { id: user }, state: "DELETED" },
        ],
      },
    });
    const names = async (query: Record<string, unknown>) =>
      (await client().listAppleEnrollmentTokens({ organizationId: ORG, query })).items?.map((t) => t.displayName);
    expect(await names({})).toEqual(["mine", "with policy"]);
    expect(await names({ "show-deleted": true })).toEqual(["mine", "with policy", "deleted"]);
    expect(await names({ "mdm-user": user })).toEqual(["mine"]);
    expect(await names({ "mdm-user": user, "show-deleted": true })).toEqual(["mine", "deleted"]);
    expect(await names({ "adm-policy": policy })).toEqual(["with policy"]);
    expect(await names({ "adm-policy": user })).toEqual([]);
  });
});

describe("bulk creation", () => {
  it("creates one token per address and answers the counts of what it created", async () => {
    const mock = install(server, { fixtures: false });
    const applivery = client();
    const userEmails = ["ana@example.com", "li@example.com", "sam@example.com"];
    const result = await applivery.bulkCreateAppleEnrollmentTokens({
      organizationId: ORG,
      body: { userEmails, sendEmail: false, displayName: "Sales iPhones", tags: ["sales"] },
    });
    expect(result).toEqual({ total: 3, success: 3, fail: 0 });
    const tokens = mock.tokens("listAppleEnrollmentTokens");
    expect(tokens.map((t) => t.mdmUser?.email)).toEqual(userEmails);
    expect(tokens.map((t) => t.displayName)).toEqual(["Sales iPhones", "Sales iPhones", "Sales iPhones"]);
    expect(new Set(tokens.map((t) => t.id)).size).toBe(3);
    expect(new Set(tokens.map((t) => t.mdmUser?.id)).size).toBe(3);
    const listed = await applivery.listAppleEnrollmentTokens({ organizationId: ORG, query: { sort: "createdAt:asc" } });
    expect(listed.items?.map((t) => t.id)).toEqual(tokens.map((t) => t.id));

    // An empty list creates nothing, and says so.
    expect(
      await applivery.bulkCreateAppleEnrollmentTokens({
        organizationId: ORG,
        body: { userEmails: [], sendEmail: true },
      }),
    ).toEqual({
      total: 0,
      success: 0,
      fail: 0,
    });
    expect(mock.tokens("listAppleEnrollmentTokens")).toHaveLength(3);
  });
});

describe("read, update and delete in the enrollment-token family", () => {
  const user = "0123456789abcdef01234567";
  const aosp = (extra: Record<string, unknown> = {}) => ({
    mdmUserId: user,
    managementMode: "DEVICE_OWNER" as const,
    duration: 3600,
    ...extra,
  });

  it("a token read back is the one created; an unknown id is the documented 404", async () => {
    install(server);
    const applivery = client();
    const created = await applivery.createAppleEnrollmentToken({ organizationId: ORG, body: minimal(user) });
    await expect(
      applivery.getAppleEnrollmentToken({ organizationId: ORG, admEnrollmentTokenId: created.id }),
    ).resolves.toEqual(created);
    await expect(
      applivery.getAppleEnrollmentToken({ organizationId: ORG, admEnrollmentTokenId: "ffffffffffffffffffffffff" }),
    ).rejects.toMatchObject({ status: 404, code: 3001 });
  });

  it("Windows tokens created one by one or in bulk are listed; an update reads and lists updated", async () => {
    const mock = install(server, { fixtures: false, now: ticking() });
    const applivery = client();
    const policy = "698efa6ed851667d9c0aec89";
    const one = await applivery.createWindowsEnrollmentToken({ organizationId: ORG, body: minimal(user) });
    await applivery.bulkCreateWindowsEnrollmentTokens({
      organizationId: ORG,
      body: { userEmails: ["ana@example.com", "li@example.com"], sendEmail: false, displayName: "Bulk" },
    });
    const updated = await applivery.updateWindowsEnrollmentToken({
      organizationId: ORG,
      winEnrollmentTokenId: one.id,
      body: { displayName: "Renamed", tags: ["hall"], winPolicyAssignments: [{ winPolicyId: policy, priority: 1 }] },
    });
    expect(updated).toMatchObject({ id: one.id, displayName: "Renamed", tags: ["hall"], createdAt: one.createdAt });
    expect(updated.updatedAt).not.toBe(one.updatedAt);
    const list = async (query: Record<string, unknown> = {}) =>
      (await applivery.listWindowsEnrollmentTokens({ organizationId: ORG, query })).items ?? [];
    expect(await list()).toEqual([updated, ...mock.tokens("listWindowsEnrollmentTokens").slice(1)]);
    expect((await list()).map((t) => t.mdmUser?.email)).toEqual([undefined, "ana@example.com", "li@example.com"]);
    expect((await list({ "win-policy": policy })).map((t) => t.id)).toEqual([one.id]);
    await expect(
      applivery.updateWindowsEnrollmentToken({
        organizationId: ORG,
        winEnrollmentTokenId: "ffffffffffffffffffffffff",
        body: { displayName: "x" },
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("a deleted AOSP token answers as deleted; the list shows it only for status=DELETED", async () => {
    install(server, { fixtures: false });
    const applivery = client();
    const kept = await applivery.createAospEnrollmentToken({ organizationId: ORG, body: aosp({ segmentId: 2 }) });
    const gone = await applivery.createAospEnrollmentToken({ organizationId: ORG, body: aosp() });
    expect(kept).toMatchObject({ mdmUserId: user, mdmUser: { id: user }, status: "PENDING", segmentId: 2 });
    const deleted = await applivery.deleteAospEnrollmentToken({ organizationId: ORG, aosEnrollmentTokenId: gone.id });
    expect(deleted).toMatchObject({ id: gone.id, status: "DELETED", state: "DELETED" });
    const ids = async (query: Record<string, unknown>) =>
      (await applivery.listAospEnrollmentTokens({ organizationId: ORG, query })).items?.map((t) => t.id);
    expect(await ids({})).toEqual([kept.id]);
    expect(await ids({ status: ["DELETED"] })).toEqual([gone.id]);
    expect(await ids({ status: ["PENDING", "DELETED"] })).toEqual([kept.id, gone.id]);
    expect(await ids({ status: ["DONE"] })).toEqual([]);
    expect(await ids({ segmentId: 2 })).toEqual([kept.id]);
    // The mock knows no segment tree: expanding adds no other segment's tokens.
    expect(await ids({ segmentId: 2, expandTo: "children" })).toEqual([kept.id]);
    await expect(
      applivery.deleteAospEnrollmentToken({ organizationId: ORG, aosEnrollmentTokenId: "ffffffffffffffffffffffff" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("a token expires duration seconds after its creation; the largest AOSP duration at the last writable instant", async () => {
    const now = new Date("2026-05-01T12:00:00.000Z");
    install(server, { now: () => now });
    const applivery = client();
    const apple = await applivery.createAppleEnrollmentToken({
      organizationId: ORG,
      body: minimal(user, { duration: 3600 }),
    });
    expect(apple).toMatchObject({
      expireAt: "2026-05-01T13:00:00.000Z",
      summary: { expirationTimestamp: "2026-05-01T13:00:00.000Z" },
    });
    // Left out, the duration is the schema's default (86400 s).
    const byDefault = await applivery.createAppleEnrollmentToken({ organizationId: ORG, body: minimal(user) });
    expect(byDefault.expireAt).toBe("2026-05-02T12:00:00.000Z");
    const longest = await applivery.createAospEnrollmentToken({
      organizationId: ORG,
      body: aosp({ duration: Number.MAX_SAFE_INTEGER }),
    });
    expect(longest.summary?.expirationTimestamp).toBe("9999-12-31T23:59:59.999Z");
  });
});

describe("lifetime of the state", () => {
  it("reset() returns to the fixtures and drops queued answers", async () => {
    const mock = install(server);
    const applivery = client();
    const before = mock.tokens("listAppleEnrollmentTokens");
    await applivery.createAppleEnrollmentToken({ organizationId: ORG, body: minimal("0123456789abcdef01234567") });
    mock.fail("listAppleEnrollmentTokens", 404, { times: Number.POSITIVE_INFINITY });
    expect(mock.tokens("listAppleEnrollmentTokens")).toHaveLength(before.length + 1);
    mock.reset();
    expect(mock.tokens("listAppleEnrollmentTokens")).toEqual(before);
    expect((await applivery.listAppleEnrollmentTokens({ organizationId: ORG })).items).toEqual(before);
  });

  it("two handler sets never share state", async () => {
    const first = install(server, { baseUrl: "https://one.example/v1" });
    const second = install(server, { baseUrl: "https://two.example/v1" });
    await client("https://one.example/v1").createAppleEnrollmentToken({
      organizationId: ORG,
      body: minimal("0123456789abcdef01234567", { displayName: "only in one" }),
    });
    const names = (mock: typeof first) => mock.tokens("listAppleEnrollmentTokens").map((t) => t.displayName);
    expect(names(first)).toContain("only in one");
    expect(names(second)).not.toContain("only in one");
    const listed = await client("https://two.example/v1").listAppleEnrollmentTokens({ organizationId: ORG });
    expect(listed.items?.map((t) => t.displayName)).not.toContain("only in one");
    // Ids stay unique within each set.
    expect(first.tokens("listAppleEnrollmentTokens").map((t) => t.id)).toEqual([
      ...second.tokens("listAppleEnrollmentTokens").map((t) => t.id),
      expect.stringMatching(HEX24),
    ]);
  });

  it("listens on options.baseUrl (trailing / ignored), and only there", async () => {
    const mock = install(server, { baseUrl: "http://127.0.0.1:4010/mock/v1/" });
    expect(mock.baseUrl).toBe("http://127.0.0.1:4010/mock/v1");
    const page = await client("http://127.0.0.1:4010/mock/v1").listAppleEnrollmentTokens({ organizationId: ORG });
    expect(page.totalDocs).toBe(APPLE_FIXTURES);
    // Every handler's URL is under it (asserted rather than sent: an unhandled request makes MSW print an error).
    expect(mock.handlers.map((h) => String(h.info.path))).toEqual(
      specOperations.map(() => expect.stringMatching(/^http:\/\/127\.0\.0\.1:4010\/mock\/v1\/organizations\//)),
    );
  });

  it("one handler per operation of the spec, at its method and path", () => {
    const mock = createHandlers();
    expect(mock.handlers.map((h) => `${h.info.method} ${h.info.path}`)).toEqual(
      specOperations.map((op) => {
        let n = 0;
        return `${op.method.toUpperCase()} https://api.applivery.io/v1${op.path.replace(/\{[^}]+\}/g, () => `:p${n++}`)}`;
      }),
    );
  });
});

describe("organizations", () => {
  it("a token created in one organization is neither listed, read nor deleted through another; the starting tokens are in every one", async () => {
    install(server);
    const applivery = client();
    const other = "other-org";
    const created = await applivery.createAppleEnrollmentToken({
      organizationId: ORG,
      body: minimal("0123456789abcdef01234567", { displayName: "ours" }),
    });
    const listed = async (organizationId: string) =>
      (await applivery.listAppleEnrollmentTokens({ organizationId, query: { limit: 100 } })).items.map((t) => t.id);
    expect(await listed(ORG)).toContain(created.id);
    expect(await listed(other)).not.toContain(created.id);
    expect(await listed(other)).toHaveLength(APPLE_FIXTURES);
    await expect(
      applivery.getAppleEnrollmentToken({ organizationId: other, admEnrollmentTokenId: created.id }),
    ).rejects.toMatchObject({ kind: "api", status: 404 });
    await expect(
      applivery.getAppleEnrollmentToken({ organizationId: ORG, admEnrollmentTokenId: created.id }),
    ).resolves.toMatchObject({ id: created.id });
  });
});

describe("paging as mongoose-paginate-v2 does it", () => {
  it("reads a page below 1 as page 1", async () => {
    install(server);
    const applivery = client();
    const first = await applivery.listAppleEnrollmentTokens({ organizationId: ORG, query: { limit: 1, page: 1 } });
    for (const page of [0, -2]) {
      const answered = await applivery.listAppleEnrollmentTokens({ organizationId: ORG, query: { limit: 1, page } });
      expect(answered).toMatchObject({ page: 1, items: first.items, hasPrevPage: false, prevPage: null });
    }
  });
});
