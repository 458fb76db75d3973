// Figure 1, measured: per-call CPU cost of each contender on createAppleEnrollmentToken (POST) and
// listAppleEnrollmentTokens (GET), in paired rounds (lib/rounds.ts), after each contender has been
// checked to send the same request and hand back the documented data (verify.ts).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import axios from "axios";
import { log } from "../lib/child.js";
import { peerClients } from "../lib/peers.js";
import { pairedRounds } from "../lib/rounds.js";
import { version } from "../lib/workspace.js";
import { contenders, type Group, type HeyApiModule, type PackageModule, type Runtimes } from "./contenders.js";
import { documentedExchange, loadBundle, stubFetch } from "./exchange.js";
import { verifyContenders } from "./verify.js";

const OPERATIONS = [
  { key: "create", operationId: "createAppleEnrollmentToken" },
  { key: "list", operationId: "listAppleEnrollmentTokens" },
] as const;

/** Rounds of figure 1: per contender and round, `batches` tinybench iterations of `batchSize` calls. */
export const PLAN = { warmupRounds: 2, rounds: 20, batches: 4, batchSize: 100 };

/**
 * The measuring process has a young generation of a fixed 1 MB, so that a contender's garbage is
 * collected, a little at a time, within its own 400 calls. With Node's default young generation,
 * which grows to 16 MB, a scavenge falls now into one contender's calls, now into the next one's,
 * and the per-round ratios split in two. A small young generation charges allocation somewhat more
 * than the default one: in a check on listAppleEnrollmentTokens, 1,600-call turns at the default
 * size gave 1.05× / 0.61× / 0.29× bare openapi-fetch (raw fetch / generated method / GET) where
 * 400-call turns at 1 MB gave 1.25× / 0.62× / 0.27×, with quartiles half as wide.
 */
export const NODE_FLAGS = ["--min-semi-space-size=1", "--max-semi-space-size=1"];

export interface ContenderData {
  key: string;
  name: string;
  group: Group;
  /** CPU ms of its calls, per measured round. */
  cpuMs: number[];
  /** Headers it sent beyond those every contender must send alike (verify.ts), as `name: value`. */
  extraHeaders: string[];
}

export interface CallsData {
  node: string;
  nodeFlags: string[];
  plan: typeof PLAN;
  callsPerRound: number;
  operations: { key: string; operationId: string; method: string; contenders: ContenderData[] }[];
}

export async function measure(workspace: string): Promise<CallsData> {
  const pkg = (await import(pathToFileURL(join(workspace, "dist", "src", "index.js")).href)) as PackageModule;
  const hey = peerClients(workspace).heyApi;
  const heyApi = (await import(pathToFileURL(hey.runtime).href)) as HeyApiModule;
  const runtimes: Runtimes = {
    pkg,
    heyApi,
    axiosVersion: axios.VERSION,
    heyApiVersion: version("@hey-api/openapi-ts"),
  };
  const bundle = loadBundle(workspace);
  const operations: CallsData["operations"] = [];
  for (const { key, operationId } of OPERATIONS) {
    const exchange = documentedExchange(bundle, operationId);
    const extras = await verifyContenders(exchange, runtimes);
    const rows = contenders(exchange, stubFetch(exchange), runtimes);
    const { cpuMs } = await pairedRounds(rows, {
      ...PLAN,
      onRound: (round) => {
        if (round % 10 === 0) log(`calls: ${key} round ${round}/${PLAN.rounds}`);
      },
    });
    operations.push({
      key,
      operationId,
      method: exchange.method,
      contenders: rows.map((row) => ({
        key: row.key,
        name: row.name,
        group: row.group,
        cpuMs: cpuMs[row.name] ?? [],
        extraHeaders: extras.get(row.key) ?? [],
      })),
    });
  }
  return {
    node: process.version,
    nodeFlags: process.execArgv.filter((a) => NODE_FLAGS.includes(a)),
    plan: PLAN,
    callsPerRound: PLAN.batches * PLAN.batchSize,
    operations,
  };
}
