// Figure 5, measured: throughput against a local Prism mock of the measured tree's bundle, through
// the package's client (its generated methods, as `npm run load` sends them: scripts/lib/load.ts)
// and, as the baseline, the same requests with plain fetch. One Prism serves every run; the two
// alternate (client, fetch, fetch, client, …) so that neither always runs on a warmer mock.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  drive,
  type ExampleCall,
  exampleCalls,
  type LoadFigures,
  loadFigures,
  plainRequest,
} from "../../scripts/lib/load.js";
import { startMock } from "../../scripts/lib/prism.js";
import type { PackageModule } from "../calls/contenders.js";
import { loadBundle } from "../calls/exchange.js";
import { log } from "../lib/child.js";
import { version } from "../lib/workspace.js";

/** Per run: `warmup` requests, then `requests` measured; before the first run, `startup` each way (JIT, Prism). */
export const LOAD = { requests: 1500, concurrency: 50, warmup: 100, startup: 500, pairs: 4 };
const TOKEN = "load-test-token";

export type Way = "client" | "fetch";

export interface MockData {
  prism: string;
  load: typeof LOAD;
  operations: string[];
  /**
   * Runs in the order they ran, each with this process's CPU time per request (the client's side
   * only: Prism is another process) and its first few failures.
   */
  runs: ({ way: Way; cpuUsPerRequest: number; firstFailures: string[] } & LoadFigures)[];
}

type Method = (args: object) => Promise<unknown>;

export async function measure(workspace: string): Promise<MockData> {
  const pkg = (await import(pathToFileURL(join(workspace, "dist", "src", "index.js")).href)) as PackageModule;
  const calls = exampleCalls(loadBundle(workspace));
  const prism = await startMock(["-v", "error"], { spec: join(workspace, "generated", "openapi.yaml") });
  try {
    const client = pkg.createAppliveryClient({ baseUrl: prism.url, token: TOKEN, retry: false });
    const methods = client as unknown as Record<string, Method>;
    const send: Record<Way, (call: ExampleCall) => Promise<unknown>> = {
      // A bulk creation whose answer counts uncreated tokens (the spec's first example does) was
      // answered in full: its AppliveryBulkError is not a failed request (as in npm run load).
      client: (call) => {
        const method = methods[call.operationId];
        if (!method) throw new Error(`the client has no method ${call.operationId}`);
        return method(call.args).catch((error: unknown) => {
          if (error instanceof pkg.AppliveryBulkError) return error.result;
          throw error;
        });
      },
      // The same request with plain fetch; it fails as the client's would: not 200, or not a success envelope.
      fetch: async (call) => {
        const { url, init } = plainRequest(prism.url, call, { authorization: `Bearer ${TOKEN}` });
        const response = await fetch(url, init);
        const envelope: unknown = await response.json();
        const ok =
          envelope !== null && typeof envelope === "object" && "status" in envelope && envelope.status === true;
        if (response.status !== 200 || !ok) throw new Error(`HTTP ${response.status}`);
        return envelope;
      },
    };
    const runs: MockData["runs"] = [];
    const order: Way[] = Array.from({ length: LOAD.pairs }, (_, i): Way[] =>
      i % 2 === 0 ? ["client", "fetch"] : ["fetch", "client"],
    ).flat();
    // Both ways and Prism warm up before the first measured run, which would otherwise pay for them.
    for (const way of ["client", "fetch"] as const) await drive(calls, send[way], LOAD.startup, LOAD.concurrency);
    for (const way of order) {
      await drive(calls, send[way], LOAD.warmup, LOAD.concurrency);
      const cpu = process.cpuUsage();
      const driven = await drive(calls, send[way], LOAD.requests, LOAD.concurrency);
      const { user, system } = process.cpuUsage(cpu);
      const figures = loadFigures(LOAD.requests, driven);
      const cpuUsPerRequest = (user + system) / LOAD.requests;
      runs.push({ way, cpuUsPerRequest, firstFailures: driven.failures.slice(0, 3), ...figures });
      log(
        `mock: ${way}: ${figures.throughputPerSecond} req/s, p50 ${figures.latencyMs.p50} ms, ${figures.failures} failures`,
      );
    }
    return { prism: version("@stoplight/prism-cli"), load: LOAD, operations: calls.map((c) => c.operationId), runs };
  } finally {
    await prism.stop();
  }
}
