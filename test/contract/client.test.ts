// The package's client against the Prism mock, as a user calls it: every operation's method
// resolves to the data of its default (first) example, paginate reads the default list page to its
// end, and every documented error answer reaches the caller as an AppliveryApiError with its code.
import { describe, expect, it } from "vitest";
import type { SpecOperation } from "../../scripts/lib/openapi.js";
import {
  AppliveryApiError,
  type AppliveryClient,
  createAppliveryClient,
  type ListOperationId,
} from "../../src/index.js";
import { clientFor, exampleRequest, ops, prismUrl, responseContent, TOKEN } from "../support/contract.js";

type Method = (args: object) => Promise<unknown>;

/** The method of `op` on a client, with the example request as its arguments. */
function methodCall(client: AppliveryClient, op: SpecOperation): { method: Method; args: object } {
  const method = (client as unknown as Record<string, Method>)[op.operationId];
  if (!method) throw new Error(`the client has no method ${op.operationId}`);
  const { path, query, body } = exampleRequest(op);
  return {
    method,
    args: { ...path, ...(Object.keys(query).length ? { query } : {}), ...(body === undefined ? {} : { body }) },
  };
}

const firstExample = (op: SpecOperation, status: string) =>
  Object.values(responseContent(op, status).examples ?? {})[0]?.value;

describe.each(ops.map((op) => [op.operationId, op] as const))("%s", (_operationId, op) => {
  it("its method resolves to the data of the default example", async () => {
    const { method, args } = methodCall(clientFor(), op);
    const example = firstExample(op, "200") as { data: unknown };
    expect(await method(args)).toEqual(example.data);
  });

  const errors = Object.entries(op.operation.responses)
    .filter(([status]) => status !== "200")
    .flatMap(([status]) =>
      Object.entries(responseContent(op, status).examples ?? {}).map(([name, example]) => ({ status, name, example })),
    );
  it.each(errors.map((e) => [`${e.status} ${e.name}`, e] as const))(
    "answers %s as an AppliveryApiError",
    async (_label, e) => {
      const client = createAppliveryClient({
        baseUrl: prismUrl(),
        token: TOKEN,
        retry: false,
        headers: { Prefer: `code=${e.status}, example=${e.name}` },
      });
      const { method, args } = methodCall(client, op);
      const { error } = e.example.value as { error: { code: number; message: string } };
      const rejection = await method(args).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(rejection).toBeInstanceOf(AppliveryApiError);
      expect(rejection).toMatchObject({
        code: error.code,
        status: Number(e.status),
        operation: op.operationId,
        kind: "api",
      });
    },
  );
});

describe("paginate against the mock", () => {
  it("reads every list operation's default page to its end", async () => {
    const lists = ops.filter((op) => {
      const data = (firstExample(op, "200") as { data?: unknown } | undefined)?.data;
      return typeof data === "object" && data !== null && Array.isArray((data as { items?: unknown }).items);
    });
    expect(lists.length).toBeGreaterThan(0);
    for (const op of lists) {
      const { args } = methodCall(clientFor(), op);
      const items: unknown[] = [];
      for await (const item of clientFor().paginate(op.operationId as ListOperationId, args as never)) items.push(item);
      expect(items).toEqual((firstExample(op, "200") as { data: { items: unknown[] } }).data.items);
    }
  });
});
