// Figure 1, written: per-call CPU cost and paired ratios against bare openapi-fetch, the goal of
// issue 19 (at most twice its CPU), and what the attribution rows say about a missed goal.
import { goal, num, table, times } from "../lib/format.js";
import { pairedRatios } from "../lib/paired.js";
import { median, spread } from "../lib/stats.js";
import type { SummaryRow } from "../lib/summary.js";
import type { CallsData } from "./measure.js";

/** Goals: calls per CPU-second relative to bare openapi-fetch. */
export const GOALS = { method: 0.5, surface: 0.5, surface5s: 0.5 } as const;
const GOAL_TEXT = {
  method: "generated method at most twice the CPU of bare openapi-fetch, ≥ 0.5× (issue 19)",
  surface: "`client.GET`/`client.POST` (the same call path), default time limit, ≥ 0.5× (issue 19)",
  surface5s: "`client.GET`/`client.POST`, `timeoutMs: 5000`, ≥ 0.5× (issue 19)",
} as const;

type Operation = CallsData["operations"][number];

/** Per contender key: its per-round ratios against `base` (calls per CPU-second relative to it). */
function ratios(op: Operation, base: string): Record<string, number[]> {
  const cost = Object.fromEntries(op.contenders.map((c) => [c.key, c.cpuMs]));
  return pairedRatios(cost, base);
}

/** The median ratio of `key` against bare openapi-fetch. */
const vsBare = (op: Operation, key: string) => median(ratios(op, "bare")[key] ?? []);

function rows(op: Operation, calls: number) {
  const bare = ratios(op, "bare");
  const raw = ratios(op, "raw");
  return op.contenders.map((c) => {
    const s = spread(bare[c.key] ?? []);
    const microseconds = median(c.cpuMs.map((ms) => (ms * 1000) / calls));
    return [
      op.key,
      c.group === "attribution" ? `attribution: ${c.name}` : c.name,
      num(microseconds, 1),
      num(1e6 / microseconds),
      times(s.median),
      `${times(s.p25)}–${times(s.p75)}`,
      `${times(s.min)}–${times(s.max)}`,
      times(median(raw[c.key] ?? [])),
    ];
  });
}

function verdicts(op: Operation): string[] {
  const r = (key: string) => times(vsBare(op, key));
  const lines: string[] = [];
  for (const key of ["method", "surface", "surface5s"] as const) {
    const verdict = goal(vsBare(op, key), GOALS[key], { higherIsBetter: true, show: times });
    lines.push(`- **${op.key}, ${GOAL_TEXT[key]}:** ${verdict.text}`);
    if (verdict.met) continue;
    if (key === "surface5s") {
      lines.push("  - why: as with the default time limit, above: every call has a time limit, whatever its length.");
      continue;
    }
    const floor = vsBare(op, "both") < GOALS[key];
    lines.push(
      "  - why: a call does openapi-fetch's work and then the transport's: it sends a `Request` of the " +
        `transport's own, the only one with the token, under the attempt's time limit (openapi-fetch plus only ` +
        `that: ${r("ownRequest")}), and hands openapi-fetch a \`Response\` made again from the body the transport ` +
        `read within \`maxResponseBytes\` (plus only that: ${r("remadeAnswer")}; both: ${r("both")}); the rest is ` +
        "the checks of the call and of its envelope." +
        (floor
          ? " Those two, which the design requires (middleware never sees the token; the time limit and the size " +
            "limit cover the body), already put openapi-fetch below the goal."
          : ""),
    );
  }
  return lines;
}

/** What the measuring process's flags mean for garbage collection. */
function youngGeneration(flags: readonly string[]): string {
  if (flags.length === 0) return "";
  return (
    `The measuring process runs with \`${flags.join(" ")}\`: a young generation of a fixed 1 MB, so each ` +
    "contender's garbage is collected, a little at a time, within its own calls (with Node's default young " +
    "generation, which grows to 16 MB, a scavenge falls now into one contender's turn, now into the next one's, and " +
    "the per-round ratios split in two). It charges allocation somewhat more than the default size would. "
  );
}

function headers(data: CallsData): string {
  const extra = new Map<string, Set<string>>();
  for (const op of data.operations) {
    for (const c of op.contenders) {
      for (const header of c.extraHeaders) {
        const set = extra.get(c.name) ?? new Set<string>();
        set.add(header);
        extra.set(c.name, set);
      }
    }
  }
  if (extra.size === 0) return "No contender sent any other header.";
  return `Other headers sent: ${[...extra].map(([name, set]) => `${name}: \`${[...set].join("`, `")}\``).join("; ")}.`;
}

export function section(data: CallsData): string {
  const { plan, callsPerRound } = data;
  const body = data.operations.flatMap((op) => rows(op, callsPerRound));
  return [
    "CPU time per call, every contender over the same stub `fetch`, which answers each request at once with a fresh " +
      "`Response` of the operation's documented 200 example, so what is measured is each client's own work: " +
      "building its `Request`, handing it to fetch, reading and parsing the `Response`. axios runs its fetch adapter " +
      '(`adapter: "fetch"`, the stub injected through `env.fetch`), so it builds a `Request` and reads a ' +
      "`Response` like the others; hey-api's client is generated from the same bundle. `create` is " +
      "`createAppleEnrollmentToken` (POST with the first body example), `list` is `listAppleEnrollmentTokens` " +
      "(GET with the query examples).",
    "",
    `Paired rounds: each round runs every contender for the same ${num(callsPerRound)} calls ` +
      `(${plan.batches} tinybench iterations of ${plan.batchSize} sequential calls, on a clock of process CPU time: ` +
      "user + system, every thread, garbage collection included), one contender after another in an order that " +
      `rotates from round to round; ${plan.warmupRounds} warm-up rounds, then ${plan.rounds} measured. ` +
      youngGeneration(data.nodeFlags) +
      "A contender's " +
      "ratio is computed within each round (the baseline's CPU time over its own: calls per CPU-second relative to " +
      "bare openapi-fetch), and the table gives the median, the interquartile range and the extremes of those " +
      "per-round ratios. Before any timing each contender ran once against a recording stub: all sent the same method, " +
      `URL, \`Authorization\`, \`Accept\`, \`Content-Type\` and body, and returned the documented data. ${headers(data)}`,
    "",
    "The attribution rows are not clients: each is bare openapi-fetch plus what our transport must do beyond it " +
      "(one piece, or both), built as the transport builds it but without its checks, to show where the time goes.",
    "",
    table(
      [
        "op",
        "client",
        "CPU µs per call (median)",
        "calls per CPU-second",
        "× bare openapi-fetch (median)",
        "interquartile",
        "min–max",
        "× raw fetch (median)",
      ],
      body,
      "llrrrrrr",
    ),
    "",
    "Goals (calls per CPU-second, paired, against bare openapi-fetch; reported, not asserted):",
    "",
    ...data.operations.flatMap((op) => verdicts(op)),
  ].join("\n");
}

export function summary(data: CallsData): SummaryRow[] {
  return data.operations.flatMap((op) =>
    (["method", "surface", "surface5s"] as const).map((key): SummaryRow => {
      const value = vsBare(op, key);
      const label =
        key === "method" ? "generated method" : key === "surface" ? "GET/POST" : "GET/POST, `timeoutMs: 5000`";
      return [
        "1. per call",
        `\`${op.key}\`: ${label}, calls per CPU-second vs bare openapi-fetch (raw fetch: ${times(vsBare(op, "raw"))})`,
        times(value),
        `≥ ${times(GOALS[key])}: ${goal(value, GOALS[key], { higherIsBetter: true, show: times }).text}`,
      ];
    }),
  );
}
