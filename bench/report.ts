import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One line of the report. `ratio` is value ÷ baseline where both exist; `target` says in words what the ratio (or the
 * value, where there is no baseline) must reach, and `ok` whether it did (null: no target, or not measured).
 */
export type Row = {
  figure: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  ok: boolean | null;
  note?: string;
};

export type Check = { text: string; passes: (measured: number) => boolean; on: "ratio" | "value" };

export const atLeast = (bound: number, on: Check["on"] = "ratio"): Check => ({
  text: `${on === "ratio" ? "ratio " : ""}≥ ${bound}`,
  passes: (measured) => measured >= bound,
  on,
});
export const atMost = (bound: number, on: Check["on"] = "ratio", unit = ""): Check => ({
  text: `${on === "ratio" ? "ratio " : ""}≤ ${bound}${unit}`,
  passes: (measured) => measured <= bound,
  on,
});
export const below = (bound: number, unit: string): Check => ({ text: `< ${bound}${unit}`, passes: (measured) => measured < bound, on: "value" });
export const above = (bound: number): Check => ({ text: `> ${bound}`, passes: (measured) => measured > bound, on: "value" });

/** A row from a measured value and its baseline: the ratio and the verdict follow. */
export function row(figure: string, value: number | null, unit: string, baseline: number | null = null, check?: Check, note?: string): Row {
  const usable = (number: number | null): number | null => (number === null || !Number.isFinite(number) ? null : number);
  const measured = usable(value);
  const base = usable(baseline);
  const ratio = measured !== null && base !== null && base !== 0 ? measured / base : null;
  const judged = check ? (check.on === "ratio" ? ratio : measured) : null;
  return {
    figure,
    value: measured,
    unit,
    baseline: base,
    ratio,
    target: check?.text ?? null,
    ok: check && judged !== null ? check.passes(judged) : null,
    ...(note ? { note } : {}),
  };
}

export const notMeasured = (figure: string, note: string): Row => ({ figure, value: null, unit: "", baseline: null, ratio: null, target: null, ok: null, note });

/** Rows in the shape another bench writes (`{ rows: [{ figure, value, baseline, ratio, target, ok }] }`), checked field by field. */
export function rowsFromJson(data: unknown): Row[] {
  const rows = (data as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new Error("expected { rows: [...] }");
  const numberOrNull = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  return rows.map((item: Record<string, unknown>, index) => {
    if (typeof item?.figure !== "string") throw new Error(`rows[${index}].figure is not a string`);
    return {
      figure: item.figure,
      value: numberOrNull(item.value),
      unit: typeof item.unit === "string" ? item.unit : "",
      baseline: numberOrNull(item.baseline),
      ratio: numberOrNull(item.ratio),
      target: typeof item.target === "string" ? item.target : item.target === null || item.target === undefined ? null : String(item.target),
      ok: typeof item.ok === "boolean" ? item.ok : null,
      ...(typeof item.note === "string" ? { note: item.note } : {}),
    };
  });
}

/** 3 significant digits, at most 2 decimals; thousands separated; "–" for nothing. */
export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude === 0 ? 0 : Math.min(4, 2 - Math.floor(Math.log10(magnitude)));
  return value.toLocaleString("en", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

const verdict = (ok: boolean | null) => (ok === null ? "" : ok ? "yes" : "NO");

const headings = ["figure", "value", "baseline", "ratio", "target", "met?"] as const;

function cells(item: Row): string[] {
  const unit = item.unit ? ` ${item.unit}` : "";
  const value = item.value === null ? (item.note ? `not measured` : "–") : `${formatNumber(item.value)}${unit}`;
  const baseline = item.baseline === null ? "–" : `${formatNumber(item.baseline)}${unit}`;
  return [item.figure, value, baseline, item.ratio === null ? "–" : formatNumber(item.ratio), item.target ?? "", verdict(item.ok)];
}

/** The report as a Markdown table (it reads as plain text too, and pastes into the README as it is). */
export function formatTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = headings.map((heading, column) => Math.max(heading.length, ...body.map((line) => line[column].length)));
  const numeric = [false, true, true, true, false, false];
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => (numeric[column] ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (numeric[column] ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2))).join("|")}|`;
  const notes = rows.filter((item) => item.note).map((item) => `- ${item.figure}: ${item.note}`);
  return [line(headings), rule, ...body.map(line), ...(notes.length ? ["", ...notes] : [])].join("\n");
}

/** bench/results/2026-12-01T03-04-05Z.json: an ISO date that every file system accepts. */
export function resultFileName(at: Date): string {
  return `${at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-")}.json`;
}

export function writeResults(folder: string, at: Date, report: object): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, resultFileName(at));
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
