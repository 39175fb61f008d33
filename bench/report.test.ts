import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { above, atLeast, atMost, below, formatNumber, formatTable, notMeasured, resultFileName, row, rowsFromJson, writeResults } from "./report";

describe("rows", () => {
  it("divide the value by the baseline and judge the ratio against the target", () => {
    expect(row("sign-in/s @8", 87, "/s", 177, atLeast(0.9))).toEqual({
      figure: "sign-in/s @8",
      value: 87,
      unit: "/s",
      baseline: 177,
      ratio: 87 / 177,
      target: "ratio ≥ 0.9",
      ok: false,
    });
    expect(row("sign-in/s @8", 170, "/s", 177, atLeast(0.9)).ok).toBe(true);
    expect(row("p99 ÷ p50", 155, "ms", 90, atMost(3)).ok).toBe(true);
    expect(row("p99 ÷ p50", 300, "ms", 90, atMost(3)).ok).toBe(false);
  });

  it("judge the value itself where the target is on the value", () => {
    expect(row("contacts query p95", 19.9, "ms", null, below(20, " ms"))).toMatchObject({ ratio: null, target: "< 20 ms", ok: true });
    expect(row("contacts query p95", 20, "ms", null, below(20, " ms")).ok).toBe(false);
    expect(row("separability p", 0.2, "", null, above(0.01)).ok).toBe(true);
    expect(row("median difference", -1.5, "ms", null, atMost(1, "value", " ms")).ok).toBe(true);
  });

  it("without a number there is no verdict, and no target gives none either", () => {
    expect(row("x", NaN, "/s", 100, atLeast(0.5))).toMatchObject({ value: null, ratio: null, ok: null });
    expect(row("x", 10, "/s", 0, atLeast(0.5))).toMatchObject({ ratio: null, ok: null });
    expect(row("x", 10, "/s", 20)).toMatchObject({ ratio: 0.5, target: null, ok: null });
  });

  it("read another bench's rows and refuse a malformed file", () => {
    const rows = rowsFromJson({ rows: [{ figure: "delivery/s", value: 4.6, baseline: 5, ratio: 0.92, target: "≥ 0.9", ok: true }] });
    expect(rows).toEqual([{ figure: "delivery/s", value: 4.6, unit: "", baseline: 5, ratio: 0.92, target: "≥ 0.9", ok: true }]);
    expect(() => rowsFromJson({ emails: [] })).toThrow(/rows/);
    expect(() => rowsFromJson({ rows: [{ value: 1 }] })).toThrow(/figure/);
  });
});

describe("formatting", () => {
  it("numbers: three significant digits, separators, a dash for nothing", () => {
    expect(formatNumber(1234.56)).toBe("1,235");
    expect(formatNumber(87.25)).toBe("87.3");
    expect(formatNumber(0.4915)).toBe("0.492");
    expect(formatNumber(0.00123)).toBe("0.0012");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(null)).toBe("–");
  });

  it("a Markdown table with aligned columns, verdicts and notes", () => {
    const table = formatTable([
      row("storefront sign-in/s @8", 87, "/s", 177, atLeast(0.9)),
      row("contacts page p95", 42.5, "ms", null, below(60, " ms")),
      notMeasured("delivery", "bench:mail missing"),
    ]);
    expect(table.split("\n")).toEqual([
      "| figure                  |        value | baseline | ratio | target      | met? |",
      "|-------------------------|-------------:|---------:|------:|-------------|------|",
      "| storefront sign-in/s @8 |      87.0 /s |   177 /s | 0.492 | ratio ≥ 0.9 | NO   |",
      "| contacts page p95       |      42.5 ms |        – |     – | < 60 ms     | yes  |",
      "| delivery                | not measured |        – |     – |             |      |",
      "",
      "- delivery: bench:mail missing",
    ]);
  });

  it("results go to <folder>/<ISO date>.json", () => {
    const at = new Date("2026-12-01T03:04:05.678Z");
    expect(resultFileName(at)).toBe("2026-12-01T03-04-05Z.json");
    const folder = mkdtempSync(path.join(tmpdir(), "bench-report-"));
    try {
      const file = writeResults(path.join(folder, "results"), at, { rows: [] });
      expect(file).toBe(path.join(folder, "results", "2026-12-01T03-04-05Z.json"));
      expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ rows: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
