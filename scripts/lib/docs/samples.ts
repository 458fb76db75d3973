// The code samples of every operation (x-codeSamples in the bundle, shown by the docs), made from
// the operation's first request example and its parameters' examples: curl, JavaScript fetch and
// Python requests (the vendor's languages, written by @scalar/snippetz), and this package's
// TypeScript client. Each reads the token from the APPLIVERY_TOKEN environment variable.
import { snippetz } from "@scalar/snippetz";
import type { Document, SpecOperation } from "../openapi.js";

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/** The header value the generator is given, replaced afterwards by each language's read of APPLIVERY_TOKEN. */
const PLACEHOLDER = "Bearer APPLIVERY_TOKEN_PLACEHOLDER";

/** The request an operation's examples make: its path and query values, and the first body example. */
export function exampleRequest(op: SpecOperation): {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
} {
  const values = (where: string) =>
    Object.fromEntries(
      op.operation.parameters.filter((p) => p.in === where && p.example !== undefined).map((p) => [p.name, p.example]),
    );
  const body = Object.values(op.operation.requestBody?.content["application/json"]?.examples ?? {})[0]?.value;
  return { path: values("path"), query: values("query"), ...(body === undefined ? {} : { body }) };
}

/** A JSON value as a JavaScript literal: keys unquoted where they are identifiers. */
function literal(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2)
    .replace(/^( *)"([A-Za-z_$][\w$]*)":/gm, "$1$2:")
    .split("\n")
    .join(`\n${indent}`);
}

function replaceOnce(text: string, find: string, replacement: string, language: string): string {
  if (!text.includes(find))
    throw new Error(`the ${language} sample no longer contains ${find}: review scripts/lib/docs/samples.ts`);
  return text.replace(find, replacement);
}

function clientSample(op: SpecOperation, request: ReturnType<typeof exampleRequest>): string {
  const args = [
    ...Object.entries(request.path).map(([name, value]) => `  ${name}: ${JSON.stringify(value)},`),
    ...(Object.keys(request.query).length > 0 ? [`  query: ${literal(request.query, "  ")},`] : []),
    ...(request.body === undefined ? [] : [`  body: ${literal(request.body, "  ")},`]),
  ];
  return [
    'import { createAppliveryClient } from "applivery-mdm-openapi";',
    "",
    "const applivery = createAppliveryClient({ token: process.env.APPLIVERY_TOKEN! });",
    "",
    "// Resolves to the envelope's `data`; rejects with an AppliveryError (AppliveryApiError for the API's error codes).",
    `const data = await applivery.${op.operationId}({`,
    ...args,
    "});",
    "console.log(data);",
    "",
  ].join("\n");
}

/** The four samples of one operation. */
export function codeSamples(op: SpecOperation, bundle: Document): CodeSample[] {
  const server = bundle.servers?.[0]?.url;
  if (!server) throw new Error("the spec has no server");
  const request = exampleRequest(op);
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(request.path[name])));
  const headers = [
    { name: "Authorization", value: PLACEHOLDER },
    ...(request.body === undefined ? [] : [{ name: "Content-Type", value: "application/json" }]),
  ];
  const har = {
    method: op.method.toUpperCase(),
    url: `${server}${path}`,
    headers,
    queryString: Object.entries(request.query).map(([name, value]) => ({ name, value: String(value) })),
    ...(request.body === undefined
      ? {}
      : { postData: { mimeType: "application/json", text: JSON.stringify(request.body) } }),
  };
  const print = (target: "shell" | "js" | "python", client: "curl" | "fetch" | "requests") => {
    const text = snippetz().print(target, client, har);
    if (!text) throw new Error(`@scalar/snippetz printed no ${target}/${client} sample`);
    return text;
  };

  // curl quotes header values with ', where the shell would not expand $APPLIVERY_TOKEN.
  const curl = replaceOnce(
    print("shell", "curl"),
    `'Authorization: ${PLACEHOLDER}'`,
    '"Authorization: Bearer $APPLIVERY_TOKEN"',
    "curl",
  );
  const fetchCall = replaceOnce(
    print("js", "fetch"),
    `'${PLACEHOLDER}'`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample's own template literal, written out as text
    "`Bearer ${process.env.APPLIVERY_TOKEN}`",
    "fetch",
  );
  const requestsCall = replaceOnce(
    print("python", "requests"),
    `"${PLACEHOLDER}"`,
    `f"Bearer {os.environ['APPLIVERY_TOKEN']}"`,
    "requests",
  );
  return [
    { lang: "Shell", label: "curl", source: `${curl}\n` },
    {
      lang: "JavaScript",
      label: "fetch",
      source: `const response = await ${fetchCall};\nconst data = await response.json();\nconsole.log(response.status, data);\n`,
    },
    {
      lang: "Python",
      label: "requests",
      source: `import os\n\nimport requests\n\nresponse = ${requestsCall}\nprint(response.status_code, response.json())\n`,
    },
    { lang: "TypeScript", label: "TypeScript client", source: clientSample(op, request) },
  ];
}
