// Before figure 1 times anything: every contender, run once against a recording stub, must send
// the same request (method, URL, Authorization, Accept, Content-Type, body) and hand back the
// documented data; otherwise the comparison would not be fair, or not of the same work.
import { contenders, type Runtimes } from "./contenders.js";
import { type Exchange, recordingFetch, type Sent } from "./exchange.js";

/** Headers every contender must send alike; any others are reported per contender. */
const COMPARED_HEADERS = ["authorization", "accept", "content-type"];

/** A request as compared: query parameters in name order, the compared headers, the body parsed. */
function canonical(sent: Sent): string {
  const url = new URL(sent.url);
  const query = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b));
  const headers = COMPARED_HEADERS.map((name) => `${name}: ${sent.headers[name] ?? "(none)"}`);
  const body = sent.body === null ? null : (JSON.parse(sent.body) as unknown);
  return JSON.stringify({ method: sent.method, origin: url.origin, path: url.pathname, query, headers, body });
}

/**
 * Runs each contender once; throws when one sends another request than the first, makes other
 * than one request, or returns other than the documented data. Resolves to each contender's
 * other headers (`name: value`), by key.
 */
export async function verifyContenders(exchange: Exchange, runtimes: Runtimes): Promise<Map<string, string[]>> {
  let sent: Sent[] = [];
  const rows = contenders(
    exchange,
    recordingFetch(exchange, (request) => sent.push(request)),
    runtimes,
  );
  const expected = JSON.stringify(exchange.data);
  const extras = new Map<string, string[]>();
  let reference: { name: string; request: string } | undefined;
  for (const row of rows) {
    sent = [];
    const result = JSON.stringify(await row.call());
    if (result !== expected) {
      throw new Error(`${exchange.operationId}: ${row.name} returned ${String(result).slice(0, 200)}`);
    }
    const [request] = sent;
    if (sent.length !== 1 || !request)
      throw new Error(`${exchange.operationId}: ${row.name} made ${sent.length} requests`);
    const seen = canonical(request);
    reference ??= { name: row.name, request: seen };
    if (seen !== reference.request) {
      throw new Error(
        `${exchange.operationId}: ${row.name} sent another request than ${reference.name}:\n${seen}\n${reference.request}`,
      );
    }
    extras.set(
      row.key,
      Object.entries(request.headers)
        .filter(([name]) => !COMPARED_HEADERS.includes(name))
        .map(([name, value]) => `${name}: ${value}`),
    );
  }
  return extras;
}
