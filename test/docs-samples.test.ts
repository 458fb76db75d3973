// The code samples of the rendered docs (x-codeSamples in the bundle). Every operation has a curl
// and a TypeScript sample; each calls the operation's method and path, sends a body (and query
// values) that the spec accepts, and the TypeScript ones compile against this package's client.
// The vendor's samples sent the validation schema itself as the body: the same checks reject it.
import { isDeepStrictEqual } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, loadBundle, operations } from "../scripts/lib/spec.mjs";
import { validator } from "./helpers/ajv.js";
import { bulkCodeSampleBody } from "./fixtures/page-inputs.js";

// `operation` is dereferenced spec JSON, untyped.
type Op = { operationId: string; method: string; path: string; operation: any };
type Sample = { lang: string; label: string; source: string };

const bundle = loadBundle();
const ops: Op[] = operations(bundle);
const SERVER: string = bundle.servers[0].url;
const CURL = "curl";
const CLIENT = "TypeScript client";

/** What a sample sends. `path` is concrete for curl (`/organizations/65a1…/…`), a template for TypeScript. */
interface Call {
  method: string;
  path: string;
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
  headers: string[];
}

const samples = (op: Op): Sample[] => op.operation["x-codeSamples"] ?? [];
const sampleOf = (op: Op, label: string): Sample => {
  const found = samples(op).find((s) => s.label === label);
  if (!found) throw new Error(`${op.operationId} has no "${label}" sample`);
  return found;
};

// ---- curl ------------------------------------------------------------------------------------

/** Reads a curl sample: `--request`, `--url`, `--header`s and a JSON heredoc after `--data @-`. */
export function curlCall(source: string): Call {
  const method = /--request (\w+)/.exec(source)?.[1];
  const url = /--url '?([^'\s]+)'?/.exec(source)?.[1];
  if (!method || !url) throw new Error("a curl sample names its method with --request and its URL with --url");
  if (!url.startsWith(`${SERVER}/`)) throw new Error(`the URL ${url} is not on the server ${SERVER}`);
  const parsed = new URL(url);
  const heredoc = /--data @- <<'JSON'\n([\s\S]*?)\nJSON\s*$/.exec(source);
  if (!heredoc && /(--data|\s-d)\b/.test(source)) throw new Error("a body is sent as a JSON heredoc: --data @- <<'JSON' … JSON");
  return {
    method,
    path: parsed.pathname.slice(new URL(SERVER).pathname.length),
    pathParams: {},
    query: Object.fromEntries(parsed.searchParams),
    ...(heredoc ? { body: JSON.parse(heredoc[1]!) } : {}),
    headers: [...source.matchAll(/--header "([^"]*)"/g)].map((m) => m[1]!),
  };
}

// ---- TypeScript ------------------------------------------------------------------------------

const keyOf = (name: ts.PropertyName) => {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`unsupported key ${name.getText()}`);
};

/** The properties of an object literal, by name (a shorthand `{ organizationId }` maps to its identifier). */
function properties(node: ts.Node | undefined, what: string): Map<string, ts.Expression> {
  if (!node || !ts.isObjectLiteralExpression(node)) throw new Error(`${what} is not an object literal`);
  const map = new Map<string, ts.Expression>();
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p)) map.set(keyOf(p.name), p.initializer);
    else if (ts.isShorthandPropertyAssignment(p)) map.set(p.name.text, p.name);
    else throw new Error(`${what}: unsupported member ${p.getText()}`);
  }
  return map;
}

/** The JSON value of a literal expression; anything computed is refused, naming the expression. */
function literal(node: ts.Expression): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literal);
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries([...properties(node, "an object").entries()].map(([k, v]) => [k, literal(v)]));
  }
  throw new Error(`not a literal: ${node.getText()}`);
}

/** Reads a TypeScript sample: its one `client.METHOD(path, { params: { path, query }, body })` call. */
export function clientCall(source: string): Call {
  const file = ts.createSourceFile("sample.ts", source, ts.ScriptTarget.Latest, true);
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    const callee = ts.isCallExpression(node) ? node.expression : undefined;
    if (callee && ts.isPropertyAccessExpression(callee) && callee.expression.getText() === "client") calls.push(node as ts.CallExpression);
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (calls.length !== 1) throw new Error(`a TypeScript sample makes one client call, found ${calls.length}`);
  const call = calls[0]!;
  const [path, init] = call.arguments;
  if (!path || !ts.isStringLiteral(path)) throw new Error("the path of the client call is not a string literal");
  const options = properties(init, "the options of the client call");
  const params = options.has("params") ? properties(options.get("params"), "params") : new Map<string, ts.Expression>();
  const pathParams = params.has("path") ? properties(params.get("path"), "params.path") : new Map<string, ts.Expression>();
  return {
    method: (call.expression as ts.PropertyAccessExpression).name.text,
    path: path.text,
    // A path value may be a variable (the samples name the organization once): only its name counts.
    pathParams: Object.fromEntries([...pathParams.keys()].map((k) => [k, undefined])),
    query: params.has("query") ? (literal(params.get("query")!) as Record<string, unknown>) : {},
    ...(options.has("body") ? { body: literal(options.get("body")!) } : {}),
    headers: [],
  };
}

// ---- checks ----------------------------------------------------------------------------------

const templatePattern = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`);

const ajvProblems = (where: string, errors: { instancePath: string; message?: string; params: object }[]) =>
  errors.map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);

/**
 * Everything wrong with the call a sample makes, as messages naming the field; [] when the
 * sample is right. `label` says how to read it (curl or the TypeScript client).
 */
export function sampleProblems(op: Op, label: string, source: string): string[] {
  let call: Call;
  try {
    call = label === CURL ? curlCall(source) : clientCall(source);
  } catch (error) {
    return [`${label}: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (call.method !== op.method.toUpperCase()) problems.push(`method ${call.method}, the operation's is ${op.method.toUpperCase()}`);

  const parameters = op.operation.parameters as { name: string; in: string; schema: object }[];
  const declared = (where: string) => new Map(parameters.filter((p) => p.in === where).map((p) => [p.name, p.schema]));
  const pathParams = declared("path");
  if (label === CURL) {
    const match = templatePattern(op.path).exec(call.path);
    if (!match) problems.push(`path ${call.path} is not ${op.path}`);
    for (const [name, value] of Object.entries(match?.groups ?? {})) {
      const { ok, errors } = validator(pathParams.get(name)!, { coerce: true })(decodeURIComponent(value));
      if (!ok) problems.push(...ajvProblems(`path parameter ${name}`, errors));
    }
    if (!call.headers.includes("Authorization: Bearer $APPLIVERY_TOKEN")) problems.push("no Authorization header with $APPLIVERY_TOKEN");
    if ((call.body !== undefined) !== call.headers.includes("Content-Type: application/json")) {
      problems.push("Content-Type: application/json goes with a body, and only with one");
    }
  } else {
    if (call.path !== op.path) problems.push(`path ${call.path} is not ${op.path}`);
    const names = Object.keys(call.pathParams).sort();
    if (!isDeepStrictEqual(names, [...pathParams.keys()].sort())) problems.push(`params.path names ${names.join(", ")}`);
  }

  const queryParams = declared("query");
  for (const [name, value] of Object.entries(call.query)) {
    const schema = queryParams.get(name);
    if (!schema) {
      problems.push(`query parameter ${name} is not declared`);
      continue;
    }
    // curl values are strings, as a server reads them; the client's are typed.
    const { ok, errors } = validator(schema, { coerce: label === CURL })(value);
    if (!ok) problems.push(...ajvProblems(`query parameter ${name}`, errors));
  }

  const bodySchema = op.operation.requestBody?.content["application/json"]?.schema;
  if (bodySchema === undefined) {
    if (call.body !== undefined) problems.push("a body, but the operation takes none");
  } else if (call.body === undefined) {
    problems.push("no body, but the operation requires one");
  } else {
    const { ok, errors } = validator(bodySchema)(call.body);
    if (!ok) problems.push(...ajvProblems("body", errors));
  }
  return problems;
}

/** The query values of a curl call, typed as the parameter schemas say (ajv's coercion). */
function typedQuery(op: Op, query: Record<string, unknown>) {
  const typed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    const { schema } = op.operation.parameters.find((p: { name: string }) => p.name === name);
    const holder = { value };
    validator({ type: "object", properties: { value: schema } }, { coerce: true })(holder);
    typed[name] = holder.value;
  }
  return typed;
}

/** Type errors of TypeScript sources compiled against src/ as the package `applivery-mdm-openapi`. */
function typeErrors(sources: Record<string, string>): string[] {
  const configPath = new URL("tsconfig.json", ROOT).pathname;
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  })!;
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    paths: { "applivery-mdm-openapi": [new URL("src/index.ts", ROOT).pathname] },
  };
  // Virtual files inside the repository (never written), so that package.json makes them ESM.
  const dir = new URL("test/", ROOT).pathname;
  const files = new Map(Object.entries(sources).map(([name, text]) => [`${dir}__sample_${name}.ts`, text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile } = host;
  host.getSourceFile = (fileName, language, ...rest) =>
    files.has(fileName) ? ts.createSourceFile(fileName, files.get(fileName)!, language) : getSourceFile.call(host, fileName, language, ...rest);
  host.fileExists = (f) => files.has(f) || ts.sys.fileExists(f);
  host.readFile = (f) => files.get(f) ?? ts.sys.readFile(f);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${d.file!.fileName.slice(dir.length)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

// ---- tests -----------------------------------------------------------------------------------

describe("every operation has a curl and a TypeScript client sample", () => {
  it.each(ops.map((op) => [op.operationId, op] as const))("%s", (_id, op) => {
    expect(samples(op).map((s) => s.label)).toEqual(expect.arrayContaining([CURL, CLIENT]));
    for (const s of samples(op)) expect(s.source.trim().length, `${s.label} of ${op.operationId}`).toBeGreaterThan(0);
  });
});

describe("each sample calls its operation with values the spec accepts", () => {
  const cases = ops.flatMap((op) => [CURL, CLIENT].map((label) => [`${op.operationId} (${label})`, op, label] as const));
  it.each(cases)("%s", (_name, op, label) => {
    expect(sampleProblems(op, label, sampleOf(op, label).source)).toEqual([]);
  });
});

describe("the two samples of an operation make the same call, with the example the docs show", () => {
  it.each(ops.map((op) => [op.operationId, op] as const))("%s", (_id, op) => {
    const curl = curlCall(sampleOf(op, CURL).source);
    const client = clientCall(sampleOf(op, CLIENT).source);
    expect(curl.body).toEqual(client.body);
    expect(typedQuery(op, curl.query)).toEqual(client.query);
    // Redoc shows the first request example selected above the samples: they send that body.
    const examples = op.operation.requestBody?.content["application/json"]?.examples;
    expect(client.body).toEqual(examples ? Object.values<{ value: unknown }>(examples)[0]!.value : undefined);
  });
});

describe("the TypeScript samples compile against this package's client", () => {
  // One program for the samples and two broken variants (a second program costs seconds).
  const android = () => sampleOf(ops.find((o) => o.operationId === "createAndroidEnrollmentToken")!, CLIENT).source;
  let errors: string[] | undefined;
  const compiled = () =>
    (errors ??= typeErrors({
      ...Object.fromEntries(ops.map((op) => [op.operationId, sampleOf(op, CLIENT).source])),
      badMode: android().replace('managementMode: "DEVICE_OWNER"', 'managementMode: "KIOSK"'),
      badPath: android().replace("/android/enterprise/", "/android/enterprises/"),
    }));

  it("type-checks all of them (strict, as tsconfig.json)", () => {
    expect(compiled().filter((e) => !e.startsWith("__sample_bad"))).toEqual([]);
  });

  it("and would not compile with a wrong body or path", () => {
    expect(compiled().some((e) => e.startsWith("__sample_badMode.ts") && e.includes('"KIOSK"'))).toBe(true);
    expect(compiled().some((e) => e.startsWith("__sample_badPath.ts"))).toBe(true);
  });
});

describe("the checks reject wrong samples, naming what is wrong", () => {
  const bulk = ops.find((o) => o.operationId === "bulkCreateAppleEnrollmentTokens")!;
  const list = ops.find((o) => o.operationId === "listAppleEnrollmentTokens")!;
  const curl = sampleOf(bulk, CURL).source;
  const client = sampleOf(bulk, CLIENT).source;
  const withBody = (source: string, body: unknown) =>
    source.replace(/<<'JSON'\n[\s\S]*?\nJSON/, `<<'JSON'\n${JSON.stringify(body, null, 2)}\nJSON`);

  it("the vendor's sample body (the Joi dump sent as the body) is rejected", () => {
    const problems = sampleProblems(bulk, CURL, withBody(curl, bulkCodeSampleBody));
    expect(problems.join("\n")).toContain('"additionalProperty":"type"');
    expect(problems.join("\n")).toContain('"missingProperty":"sendEmail"');
  });

  it("a wrong field type in the TypeScript body is rejected, naming the field", () => {
    const problems = sampleProblems(bulk, CLIENT, client.replace("sendEmail: true", 'sendEmail: "yes"'));
    expect(problems).toEqual([expect.stringMatching(/^body\/sendEmail must be boolean/)]);
  });

  it("a body that is not a literal cannot be checked, and says so", () => {
    const problems = sampleProblems(bulk, CLIENT, client.replace(/body: \{[\s\S]*?\n {4}\},/, "body: makeBody(),"));
    expect(problems).toEqual(["TypeScript client: not a literal: makeBody()"]);
  });

  it("a curl body not sent as a JSON heredoc is refused", () => {
    const problems = sampleProblems(bulk, CURL, curl.replace(/--data @- <<'JSON'[\s\S]*$/, `--data '{"sendEmail":true}'`));
    expect(problems).toEqual([expect.stringContaining("JSON heredoc")]);
  });

  it("a wrong method, path, missing token header or undeclared query parameter is reported", () => {
    const listCurl = sampleOf(list, CURL).source;
    expect(sampleProblems(bulk, CURL, curl.replace("--request POST", "--request PUT"))).toEqual([
      "method PUT, the operation's is POST",
    ]);
    expect(sampleProblems(bulk, CURL, curl.replace("/enrollment-tokens/bulk", "/enrollment-tokens"))).toEqual([
      expect.stringMatching(/^path .* is not \/organizations\/\{organizationId\}\/.*\/bulk$/),
    ]);
    expect(sampleProblems(list, CURL, listCurl.replace('"Authorization: Bearer $APPLIVERY_TOKEN"', '"Authorization: Bearer abc"'))).toEqual([
      "no Authorization header with $APPLIVERY_TOKEN",
    ]);
    expect(sampleProblems(list, CURL, listCurl.replace("limit=25", "limit=-1&per_page=5"))).toEqual([
      expect.stringMatching(/^query parameter limit must be >= 0/),
      "query parameter per_page is not declared",
    ]);
  });
});
