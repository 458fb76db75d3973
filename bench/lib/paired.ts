// Paired comparisons: contenders measured in the same rounds, compared round by round. A round's
// ratio cancels whatever slowed that whole round (another process on the machine, a CPU frequency
// change), which comparing two separate medians does not. Pure, so test/bench/paired.test.ts can
// check it.

/** `list` rotated left by `by` places: the order of round `by`, so no contender always goes first. */
export function rotate<T>(list: readonly T[], by: number): T[] {
  if (list.length === 0) return [];
  const shift = ((by % list.length) + list.length) % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

/** `numerator[i] / denominator[i]` for every round i; both lists hold the same rounds, in order. */
export function roundRatios(numerator: readonly number[], denominator: readonly number[]): number[] {
  if (numerator.length !== denominator.length || numerator.length === 0) {
    throw new RangeError(`cannot pair ${numerator.length} rounds with ${denominator.length}`);
  }
  return numerator.map((value, i) => {
    const under = denominator[i] as number;
    if (!(under > 0) || !(value >= 0)) throw new RangeError(`round ${i + 1}: cannot divide ${value} by ${under}`);
    return value / under;
  });
}

/**
 * Per round, `cost[base] / cost[name]` for every contender: how much more work `name` gets done
 * than `base` for the same cost (with CPU time per the same number of calls: calls per CPU-second
 * relative to `base`). `cost` holds each contender's cost in every round, rounds in the same order.
 */
export function pairedRatios(
  cost: Readonly<Record<string, readonly number[]>>,
  base: string,
): Record<string, number[]> {
  const baseline = cost[base];
  if (!baseline) throw new RangeError(`no contender named ${base}`);
  return Object.fromEntries(Object.entries(cost).map(([name, rounds]) => [name, roundRatios(baseline, rounds)]));
}
