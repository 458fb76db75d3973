// A garbage collection on demand, for memory measurements: global.gc when node runs with
// --expose-gc, otherwise the same function obtained by turning the flag on at run time.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/**
 * Collects until what can be freed is freed: a few collections with a pause between them, so that
 * finalizers (undici frees a Request's signal bookkeeping through a FinalizationRegistry) run too.
 */
export async function settleHeap(): Promise<number> {
  const gc = collectGarbage();
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  gc();
  return process.memoryUsage().heapUsed;
}

/** Samples `process.memoryUsage()` every few ms until stopped; returns the peak of each measure. */
export function memoryPeaks(): () => { rss: number; arrayBuffers: number; heapUsed: number } {
  const peak = { rss: 0, arrayBuffers: 0, heapUsed: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 2);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}
