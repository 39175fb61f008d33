/** Nearest-rank percentile of values sorted ascending: the smallest value with at least p % of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export type Summary = { count: number; p50: number; p95: number; p99: number; max: number };

export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : NaN,
  };
}

/** The median as statisticians define it: the mean of the two middle values of an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * erfc(x) by the Chebyshev fit of Numerical Recipes (`erfcc`), fractional error below 1.2e-7 everywhere: more than a
 * p-value needs.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(polynomial);
  return x >= 0 ? value : 2 - value;
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

export type MannWhitney = {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  /** U / (n1 · n2): the probability that a value of the first sample exceeds one of the second (0.5: inseparable). */
  auc: number;
  z: number;
  /** Two-sided, normal approximation with tie and continuity corrections (fine from about 20 values per sample). */
  p: number;
};

/** The Mann–Whitney U test of whether two samples come from one distribution. */
export function mannWhitney(first: readonly number[], second: readonly number[]): MannWhitney {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("Mann–Whitney needs at least one value in each sample");
  const pooled = [...first.map((value) => ({ value, fromFirst: true })), ...second.map((value) => ({ value, fromFirst: false }))];
  pooled.sort((a, b) => a.value - b.value);
  const n = pooled.length;
  let rankSumFirst = 0;
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && pooled[end].value === pooled[start].value) end++;
    const ties = end - start;
    const averageRank = (start + 1 + end) / 2;
    for (let index = start; index < end; index++) if (pooled[index].fromFirst) rankSumFirst += averageRank;
    tieTerm += ties ** 3 - ties;
    start = end;
  }
  const u = rankSumFirst - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1) || 1));
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = variance > 0 ? Math.sign(u - mean) * (distance / Math.sqrt(variance)) : 0;
  return { u, auc: u / (n1 * n2), z, p: variance > 0 ? twoSidedNormalP(z) : 1 };
}
