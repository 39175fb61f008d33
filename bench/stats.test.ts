import { describe, expect, it } from "vitest";
import { mannWhitney, median, percentile, summarise, twoSidedNormalP } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it("takes the value at the rank ceil(p · n)", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it("stays inside the values at the ends and is NaN without values", () => {
    expect(percentile([7, 8, 9], 0)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarise sorts first", () => {
    expect(summarise([5, 1, 4, 2, 3])).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, max: 5 });
  });
});

describe("median", () => {
  it("averages the two middle values of an even count, whatever the order", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });
});

describe("two-sided normal p", () => {
  it("matches the standard normal table", () => {
    expect(twoSidedNormalP(0)).toBeCloseTo(1, 6);
    expect(twoSidedNormalP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedNormalP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedNormalP(3.290527)).toBeCloseTo(0.001, 6);
  });
});

describe("Mann–Whitney U", () => {
  it("completely separated samples: U = 0, AUC = 0, p = 0.0122 (z = 12 / sqrt(275 / 12))", () => {
    const result = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(result.u).toBe(0);
    expect(result.auc).toBe(0);
    expect(result.z).toBeCloseTo(-2.50672, 4);
    expect(result.p).toBeCloseTo(0.01219, 4);
    expect(mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5])).toMatchObject({ u: 25, auc: 1 });
  });

  it("averages tied ranks and corrects the variance for them (worked by hand)", () => {
    // Ranks 1, 3, 3 | 3, 5: R1 = 7, U = 1; variance = 6/12 · (6 − 24/20) = 2.4; z = (2 − 0.5) / sqrt(2.4).
    const result = mannWhitney([1, 2, 2], [2, 3]);
    expect(result.u).toBe(1);
    expect(result.auc).toBeCloseTo(1 / 6, 10);
    expect(result.z).toBeCloseTo(-0.968246, 5);
    expect(result.p).toBeCloseTo(0.33292, 4);
  });

  it("the same sample twice is not separable", () => {
    const sample = Array.from({ length: 200 }, (_, index) => (index * 37) % 101);
    const result = mannWhitney(sample, [...sample].reverse());
    expect(result.auc).toBe(0.5);
    expect(result.p).toBe(1);
  });

  it("a shift of a few per cent is found in 2,000 values each, and none is not", () => {
    const jitter = (index: number) => ((index * 7919) % 1000) / 1000;
    const base = Array.from({ length: 2000 }, (_, index) => 5 + jitter(index));
    const shifted = base.map((value) => value + 0.1);
    expect(mannWhitney(shifted, base).p).toBeLessThan(1e-6);
    expect(mannWhitney(shifted, base).auc).toBeGreaterThan(0.55);
    const interleaved = Array.from({ length: 2000 }, (_, index) => 5 + jitter(index + 1));
    expect(mannWhitney(interleaved, base).p).toBeGreaterThan(0.5);
  });

  it("refuses an empty sample, and all-equal values give p = 1", () => {
    expect(() => mannWhitney([], [1])).toThrow(RangeError);
    expect(mannWhitney([3, 3], [3, 3, 3])).toMatchObject({ auc: 0.5, p: 1 });
  });
});
