// Every documented answer is reachable: each operation × each documented status × each named
// example, asked for by status, by name, or both; once, a number of times, or until reset.
import { describe, expect, it } from "vitest";
import { isObject } from "../../scripts/lib/json.js";
import { AppliveryApiError, AppliveryBulkError } from "../../src/index.js";
import { createHandlers, documentedResponses, type OperationId } from "../../src/msw/index.js";
import {
  argsOf,
  client,
  exampleTokens,
  install,
  method,
  ORG,
  send,
  specOperations,
  successExamples,
  useServer,
  validRequest,
} from "./support.js";

const server = useServer();

/** Every (operation, status, example) the bundle documents, read independently of the mock. */
const documented = specOperations.flatMap((op) =>
  Object.entries(op.operation.responses).flatMap(([status, response]) =>
    Object.entries(response.content?.["application/json"]?.examples ?? {}).map(([example, value]) => ({
      operationId: op.operationId,
      status: Number(status),
      example,
      body: value.value,
    })),
  ),
);
const errors = documented.filter((d) => d.status >= 300);

describe("documentedResponses()", () => {
  it("lists every example of every documented status of every operation", () => {
    expect(documentedResponses()).toEqual(documented);
    // Each operation documents errors, and every error status has a named example.
    for (const op of specOperations) {
      const statuses = Object.keys(op.operation.responses).filter((s) => s !== "200");
      expect(statuses.length, op.operationId).toBeGreaterThan(0);
      for (const status of statuses) {
        expect(errors.some((e) => e.operationId === op.operationId && e.status === Number(status))).toBe(true);
      }
    }
  });
});

describe("every documented error is reachable", () => {
  it.each(errors.map((e) => [`${e.operationId} ${e.status} ${e.example}`, e] as const))(
    "%s, through the client",
    async (_, answer) => {
      const mock = install(server);
      // Read from the bundle at run time: the compiler cannot tie this status and name to the operation.
      const sent = mock.fail(answer.operationId as OperationId, answer as never);
      expect(sent.body).toEqual(answer.body);
      const error = await method(
        client(),
        answer.operationId,
      )(argsOf(validRequest(answer.operationId))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppliveryApiError);
      const envelope = answer.body as { error: { code: number; message: string } };
      expect(error).toMatchObject({
        status: answer.status,
        code: envelope.error.code,
        apiMessage: envelope.error.message,
      });
      // Once by default: the next call behaves normally.
      await expect(
        method(client(), answer.operationId)(argsOf(validRequest(answer.operationId))),
      ).resolves.toBeDefined();
    },
  );

  it.each(errors.map((e) => [`${e.operationId} ${e.example}`, e] as const))(
    "%s, by name, as sent",
    async (_, answer) => {
      const mock = install(server);
      mock.fail(answer.operationId as OperationId, answer.example as never);
      const duplicateName = errors.filter((e) => e.operationId === answer.operationId && e.example === answer.example);
      const { status, body } = await send(answer.operationId, validRequest(answer.operationId));
      // A name documented under one status only answers that status.
      expect(duplicateName).toHaveLength(1);
      expect({ status, body }).toEqual({ status: answer.status, body: answer.body });
    },
  );
});

describe("fail()", () => {
  it("by status alone answers that status's first example", async () => {
    const mock = install(server);
    expect(mock.fail("bulkCreateAppleEnrollmentTokens", 400).example).toBe("attachedProfiles");
    expect(mock.fail("listAppleEnrollmentTokens", 401).example).toBe("noAuthToken");
    const request = validRequest("bulkCreateAppleEnrollmentTokens");
    expect((await send("bulkCreateAppleEnrollmentTokens", request)).body).toMatchObject({ error: { code: 5086 } });
  });

  it("reaches a documented 200 too: the bulk partial failure is an AppliveryBulkError", async () => {
    // The bulk 200 example that counts tokens not created (not the first one: that is the default answer).
    const partial = successExamples("bulkCreateAppleEnrollmentTokens").find(
      ({ body }) => isObject(body) && isObject(body.data) && typeof body.data.fail === "number" && body.data.fail > 0,
    );
    if (!partial || !isObject(partial.body)) throw new Error("the spec documents no bulk 200 with fail > 0");
    const mock = install(server);
    expect(mock.fail("bulkCreateAppleEnrollmentTokens", partial.name as "partialFailure").status).toBe(200);
    const error = await client()
      .bulkCreateAppleEnrollmentTokens({
        organizationId: ORG,
        body: { userEmails: ["a@example.com"], sendEmail: false },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppliveryBulkError);
    expect((error as AppliveryBulkError).result).toEqual(partial.body.data);
    // Nothing was created by the documented answer.
    expect(mock.tokens("listAppleEnrollmentTokens")).toHaveLength(exampleTokens("listAppleEnrollmentTokens").length);
  });

  it("answers `times` calls, or every call until reset with Infinity; queued answers go in order", async () => {
    const mock = install(server);
    const list = () =>
      client()
        .listAppleEnrollmentTokens({ organizationId: ORG })
        .then(
          () => 200,
          (e: AppliveryApiError) => e.code,
        );
    mock.fail("listAppleEnrollmentTokens", "entityNotFound", { times: 2 });
    mock.fail("listAppleEnrollmentTokens", "invalidToken");
    expect([await list(), await list(), await list(), await list()]).toEqual([3001, 3001, 4004, 200]);

    mock.fail("listAppleEnrollmentTokens", 404, { times: Number.POSITIVE_INFINITY });
    expect([await list(), await list(), await list()]).toEqual([3001, 3001, 3001]);
    mock.reset();
    expect(await list()).toBe(200);
  });

  it("does not skip the checks: a missing token is still 401, an invalid request still 400", async () => {
    const mock = install(server);
    mock.fail("createAppleEnrollmentToken", "featureNotAllowed", { times: Number.POSITIVE_INFINITY });
    const request = validRequest("createAppleEnrollmentToken");
    expect((await send("createAppleEnrollmentToken", request, { headers: {} })).body).toMatchObject({
      error: { code: 4002 },
    });
    expect((await send("createAppleEnrollmentToken", { ...request, body: { foo: 1 } })).status).toBe(400);
    expect((await send("createAppleEnrollmentToken", request)).body).toMatchObject({ error: { code: 5050 } });
  });

  it("an operation or answer the spec does not document is a compile error, and a TypeError listing the documented ones", () => {
    const mock = createHandlers();
    // Typed per operation: its documented statuses and example names, and nothing else (npm run typecheck).
    mock.fail("createAppleEnrollmentToken", { status: 400, example: "featureNotAllowed" });
    mock.fail("createAndroidEnrollmentToken", "limitExceeded");
    // @ts-expect-error createAppleEnrollmentToken documents no 418
    expect(() => mock.fail("createAppleEnrollmentToken", 418)).toThrow(
      /createAppleEnrollmentToken documents no answer 418; it documents 200 created, 400 featureNotAllowed, 401 noAuthToken, 401 invalidToken, 404 entityNotFound/,
    );
    // @ts-expect-error limitExceeded is createAndroidEnrollmentToken's, not createAppleEnrollmentToken's
    expect(() => mock.fail("createAppleEnrollmentToken", "limitExceeded")).toThrow(TypeError);
    // @ts-expect-error its 400 is featureNotAllowed
    expect(() => mock.fail("createAppleEnrollmentToken", { status: 400, example: "entityNotFound" })).toThrow(
      TypeError,
    );
    // @ts-expect-error no such operation
    expect(() => mock.fail("deleteEverything", 404)).toThrow(/no operation "deleteEverything"/);
    expect(() => mock.fail("listAppleEnrollmentTokens", 404, { times: 0 })).toThrow(TypeError);
  });

  it("answers are per handler set", async () => {
    const first = install(server, { baseUrl: "https://one.example/v1" });
    install(server, { baseUrl: "https://two.example/v1" });
    first.fail("listAppleEnrollmentTokens", 404);
    await expect(
      client("https://two.example/v1").listAppleEnrollmentTokens({ organizationId: ORG }),
    ).resolves.toBeDefined();
    await expect(
      client("https://one.example/v1").listAppleEnrollmentTokens({ organizationId: ORG }),
    ).rejects.toMatchObject({
      code: 3001,
    });
  });
});

it("every documented error body is the API's envelope", () => {
  for (const { body } of errors) {
    expect(isObject(body) && body.status === false && isObject(body.error)).toBe(true);
  }
});
