// The figures of `tsc --extendedDiagnostics` the bench reads. Pure, so
// test/bench/diagnostics.test.ts can check it.

export interface Diagnostics {
  files: number;
  types: number;
  instantiations: number;
  memoryKB: number;
  /** tsc's "Check time", in ms (tsc prints it in seconds, two decimals). */
  checkMs: number;
  /** tsc's "Total time", in ms. */
  totalMs: number;
}

/** The figures of one `tsc --extendedDiagnostics` report; throws when one is missing. */
export function parseDiagnostics(stdout: string): Diagnostics {
  const field = (name: string): number => {
    const value = new RegExp(`^${name}:\\s+([\\d.]+)(s|K)?$`, "m").exec(stdout)?.[1];
    if (value === undefined) throw new Error(`no "${name}" in tsc's diagnostics:\n${stdout.slice(-2000)}`);
    return Number(value);
  };
  return {
    files: field("Files"),
    types: field("Types"),
    instantiations: field("Instantiations"),
    memoryKB: field("Memory used"),
    checkMs: Math.round(field("Check time") * 1000),
    totalMs: Math.round(field("Total time") * 1000),
  };
}
