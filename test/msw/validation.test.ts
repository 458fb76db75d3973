// Requests are checked against the spec: every boundary case the spec's constraints give
// (test/support/request-cases.ts) is refused 400 naming its field when outside, and accepted when
// inside; a request without a bearer token is refused 401.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it, vi } from "vitest";
import { AppliveryApiError, AppliveryError, createAppliveryClient } from "../../src/index.js";
import { createHandlers, INVALID_REQUEST_CODE } from "../../src/msw/index.js";
import { type RequestCase, requestCases } from "../support/request-cases.js";
import {
  argsOf,
  client,
  DEFAULT_BASE,
  exampleTokens,
  install,
  method,
  ORG,
  send,
  specOperations,
  TOKEN,
  urlOf,
  useServer,
  validRequest,
} from "./support.js";

const server = useServer();

const cases: RequestCase[] = specOperations.flatMap((op) => requestCases(op).cases);

/** The field as the mock's message names it: `body.applications[0].action`, `query.limit`, `path.organizationId`. */
function expectedField(c: RequestCase): string {
  const field = c.field === "(body)" ? "" : c.field;
  const name = field ? `${c.location}.${field}`.replace(/\.\[/g, "[") : c.location;
  return c.keyword === "additionalProperties" ? `${name}.unknownKey` : name;
}

/** What the message says about each kind of violation. */
const WORDING: Record<string, RegExp> = {
  additionalProperties: /: unknown key/,
  required: /: is required/,
  type: /: must be (string|number|integer|boolean|array|object)/,
  enum: /: must be one of /,
  const: /: must be /,
  minimum: /: must be >= /,
  maximum: /: must be <= /,
  minLength: /: must NOT have fewer than /,
  maxLength: /: must NOT have more than /,
  pattern: /: must match pattern /,
  format: /: must match format /,
  anyOf: /: must match pattern .+ or /,
};

const operationPath = (operationId: string) => specOperations.find((op) => op.operationId === operationId)?.path ?? "";

describe("every boundary case of the spec", () => {
  it("covers each kind of violation: unknown key, wrong type, enum, bound, pattern, missing required field", () => {
    const kinds = new Set(cases.filter((c) => !c.valid).map((c) => c.keyword));
    for (const kind of [
      "additionalProperties",
      "type",
      "enum",
      "minimum",
      "maximum",
      "maxLength",
      "pattern",
      "required",
    ]) {
      expect(kinds).toContain(kind);
    }
    for (const kind of kinds) expect(WORDING[kind], `no wording for ${kind}`).toBeDefined();
  });

  const viaClient = cases.filter((c) => c.location !== "path");
  it.each(viaClient.map((c) => [`${c.operationId} ${c.name}`, c] as const))("%s (through the client)", async (_, c) => {
    install(server);
    const call = method(client(), c.operationId)(argsOf(c.request));
    if (c.valid) {
      await expect(call).resolves.toBeDefined();
      return;
    }
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppliveryApiError);
    const apiError = error as AppliveryApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe(INVALID_REQUEST_CODE);
    const field = expectedField(c);
    const line = apiError.apiMessage.split("; ").find((l) => l.startsWith(`${field}:`));
    expect(line, `${apiError.apiMessage} names ${field}`).toBeDefined();
    expect(line).toMatch(WORDING[c.keyword] ?? /./);
  });

  const inPath = cases.filter((c) => c.location === "path");
  it.each(inPath.map((c) => [`${c.operationId} ${c.name}`, c] as const))("%s (raw request)", async (_, c) => {
    // A valid token id reaches its token: the collection holds one with that id.
    const op = specOperations.find((o) => o.operationId === c.operationId);
    const last = op?.operation.parameters.filter((p) => p.in === "path").at(-1)?.name ?? "";
    const item = op?.path.endsWith(`{${last}}`);
    install(
      server,
      item ? { fixtures: { [c.operationId]: [{ ...exampleTokens(c.operationId)[0], id: c.request.path[last] }] } } : {},
    );
    const { status, body } = await send(c.operationId, c.request);
    if (c.valid) {
      expect(status).toBe(200);
      return;
    }
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: false, error: { code: INVALID_REQUEST_CODE } });
    const field = expectedField(c);
    const line = (body as { error: { message: string } }).error.message
      .split("; ")
      .find((l) => l.startsWith(`${field}:`));
    expect(line, `${JSON.stringify(body)} names ${field}`).toMatch(WORDING[c.keyword] ?? /./);
  });
});

describe("what a user sees through the client", () => {
  const create = (body: unknown) =>
    method(client(), "createAppleEnrollmentToken")({ organizationId: ORG, body }).catch((e: unknown) => e);

  it.each([
    [
      "an unknown key, nested",
      { applications: [{ admApplication: "698f42e5457fafa13d088794", foo: 1 }] },
      "body.applications[0].foo: unknown key",
    ],
    ["a wrong type", { sendEmail: "yes" }, "body.sendEmail: must be boolean"],
    [
      "a value outside the enum",
      { language: "xx" },
      'body.language: must be one of "es", "en", "fr", "de", "it", "zh", "pt", "ru"',
    ],
    ["a bound", { duration: 59 }, "body.duration: must be >= 60"],
    ["a pattern", { mdmUserId: "not-an-id" }, 'body.mdmUserId: must match pattern "^[a-fA-F0-9]{24}$"'],
    ["a missing required field", { sendEmail: undefined }, "body.sendEmail: is required"],
  ])("%s is an AppliveryApiError 400 naming the field", async (_, change, expected) => {
    install(server);
    const error = await create({ mdmUserId: "698f3bde457fafa13d088791", sendEmail: false, ...change });
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(error).toMatchObject({ status: 400, code: INVALID_REQUEST_CODE, apiMessage: expected });
  });

  it("lists every problem of a request, each with its field", async () => {
    install(server);
    const error = await create({ sendEmail: 1, duration: 5, tags: ["ok", 7], extra: true });
    expect((error as AppliveryApiError).apiMessage.split("; ").sort()).toEqual(
      [
        "body.extra: unknown key",
        "body.mdmUserId: is required",
        "body.sendEmail: must be boolean",
        "body.duration: must be >= 60",
        "body.tags[1]: must be string",
      ].sort(),
    );
  });

  it("a query parameter the operation does not have, or given twice, is refused", async () => {
    install(server);
    const url = `${DEFAULT_BASE}/organizations/${ORG}/mdm/apple/enterprise/enrollment-tokens`;
    const get = async (search: string) => {
      const response = await fetch(`${url}?${search}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
    };
    expect(await get("limt=1")).toMatchObject({
      status: 400,
      body: { error: { message: "query.limt: is not a parameter of listAppleEnrollmentTokens" } },
    });
    expect(await get("limit=1&limit=2")).toMatchObject({
      status: 400,
      body: { error: { message: "query.limit: must be given once, not 2 times" } },
    });
    expect(await get("limit=-1&sort=x:up")).toMatchObject({
      status: 400,
      body: {
        error: { message: expect.stringMatching(/^query\.limit: must be >= 0; query\.sort: must match pattern/) },
      },
    });
    expect((await get("limit=2&page=1&show-deleted=false")).status).toBe(200);
  });

  it("a free-form field nested 2,000 deep is created, listed and read back like any other", async () => {
    const mock = install(server);
    let configuration: Record<string, unknown> = { leaf: true };
    for (let depth = 0; depth < 2000; depth++) configuration = { next: configuration };
    const body = {
      mdmUserId: "698f3bde457fafa13d088791",
      sendEmail: false,
      applications: [{ admApplication: "698f42e5457fafa13d088794", configuration }],
    };
    // Sent and compared as text: a deep comparison of 2,000 levels would overflow the test's own stack.
    const response = await send("createAppleEnrollmentToken", { path: { organizationId: ORG }, query: {}, body });
    const text = JSON.stringify(configuration);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain(text);
    expect(JSON.stringify(mock.tokens("listAppleEnrollmentTokens").at(-1))).toContain(text);
  });

  it("a body that is not JSON, or missing, is refused", async () => {
    install(server);
    const url = urlOf(operationPath("createAppleEnrollmentToken"), { path: { organizationId: ORG }, query: {} });
    const post = async (body: string | undefined, type?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
      if (type) headers["content-type"] = type;
      const response = await fetch(url, { method: "POST", headers, ...(body === undefined ? {} : { body }) });
      return {
        status: response.status,
        message: ((await response.json()) as { error: { message: string } }).error.message,
      };
    };
    expect(await post("{", "application/json")).toEqual({ status: 400, message: "body: is not valid JSON" });
    expect(await post('{"sendEmail":true}', "text/plain")).toEqual({
      status: 400,
      message: 'body: must be sent as application/json, not "text/plain"',
    });
    expect(await post(undefined, "application/json")).toEqual({ status: 400, message: "body: is required" });
  });
});

describe("authorization", () => {
  it.each(specOperations.map((op) => op.operationId))(
    "%s without Authorization answers 401 4002",
    async (operationId) => {
      install(server);
      const variants: Record<string, string>[] = [{}, { authorization: "Bearer " }, { authorization: "Basic abc" }];
      for (const headers of variants) {
        const { status, body } = await send(operationId, validRequest(operationId), { headers });
        expect(status).toBe(401);
        expect(body).toEqual({ status: false, error: { code: 4002, message: "No auth token" } });
      }
    },
  );

  it("checks the token before the request: an invalid body without a token is a 401", async () => {
    install(server);
    const { status } = await send(
      "createAppleEnrollmentToken",
      { path: { organizationId: "!" }, query: {}, body: { x: 1 } },
      { headers: {} },
    );
    expect(status).toBe(401);
  });

  it("with options.token, another token answers the documented 401 Invalid Token (4004)", async () => {
    install(server, { token: TOKEN });
    const request = validRequest("listAppleEnrollmentTokens");
    expect(
      await send("listAppleEnrollmentTokens", request, { headers: { authorization: "Bearer someone-else" } }),
    ).toEqual({
      status: 401,
      body: { status: false, error: { code: 4004, message: "Invalid Token" } },
    });
    expect((await send("listAppleEnrollmentTokens", request)).status).toBe(200);
    // Through the client, as an AppliveryApiError.
    await expect(client().listAppleEnrollmentTokens({ organizationId: ORG })).resolves.toMatchObject({
      totalDocs: exampleTokens("listAppleEnrollmentTokens").length,
    });
    const stranger = createAppliveryClient({ token: "someone-else", retry: false });
    await expect(stranger.listAppleEnrollmentTokens({ organizationId: ORG })).rejects.toMatchObject({
      name: "AppliveryApiError",
      status: 401,
      code: 4004,
    });
  });

  it("the client refuses a bad path parameter before sending, and the mock would too", async () => {
    install(server);
    const error = await method(
      client(),
      "listAppleEnrollmentTokens",
    )({ organizationId: "a b" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppliveryError);
    expect((error as AppliveryError).kind).toBe("request");
    const { status } = await send("listAppleEnrollmentTokens", { path: { organizationId: "a b" }, query: {} });
    expect(status).toBe(400);
  });
});

describe("compilation", () => {
  it("compiles the spec's validators once per process, not per handler set or request", async () => {
    // Warm up: every operation answered once (token schemas are compiled on first use).
    install(server);
    for (const op of specOperations) await method(client(), op.operationId)(argsOf(validRequest(op.operationId)));
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    const addSchema = vi.spyOn(Ajv2020.prototype, "addSchema");
    try {
      for (let i = 0; i < 3; i++) {
        server.use(...createHandlers().handlers);
        for (const op of specOperations) await method(client(), op.operationId)(argsOf(validRequest(op.operationId)));
      }
      expect(compile).not.toHaveBeenCalled();
      expect(addSchema).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
      addSchema.mockRestore();
    }
  });
});

describe("options", () => {
  it("invalidRequestCode sets the error code of the 400, for a user who knows the API's own", async () => {
    install(server, { invalidRequestCode: 9999 });
    const error = await method(
      client(),
      "createAppleEnrollmentToken",
    )({ organizationId: ORG, body: { sendEmail: false } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 9999, apiMessage: "body.mdmUserId: is required" });
  });

  it.each([
    [{ baseUrl: "" }, "options.baseUrl must be an absolute http(s) URL"],
    [{ baseUrl: "not a url" }, "options.baseUrl must be an absolute http(s) URL"],
    [{ baseUrl: "ftp://api.example/v1" }, "options.baseUrl must be an absolute http(s) URL"],
    [{ baseURL: "http://127.0.0.1:4010" } as never, "unknown option baseURL; the options are baseUrl, fixtures"],
    [{ fixture: [] } as never, "unknown option fixture"],
    [{ fixtures: [] as never }, "options.fixtures must be an object of token lists by operationId, or false"],
    [{ fixtures: "none" as never }, "options.fixtures must be an object of token lists by operationId, or false"],
    [{ token: "" }, "options.token must be a non-empty string"],
    [{ now: new Date() as never }, "options.now must be a function returning a Date"],
    [{ invalidRequestCode: 4.5 }, "options.invalidRequestCode must be an integer"],
  ])("a wrong option is a TypeError naming it: %j", (options, message) => {
    expect(() => createHandlers(options)).toThrow(TypeError);
    expect(() => createHandlers(options)).toThrow(message);
  });
});
