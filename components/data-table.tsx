import type { ReactNode } from "react";

export type Column<T> = { header: string; cell: (row: T) => ReactNode; nowrap?: boolean };

type DataTableProps<T> = {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption?: string;
  /** Shown instead of an empty table. */
  empty?: ReactNode;
};

/** The back office's tables: one header row, one row per item, the caption for screen readers. */
export function DataTable<T>({ rows, columns, rowKey, caption, empty }: DataTableProps<T>) {
  if (rows.length === 0 && empty) return <p>{empty}</p>;
  return (
    // On a phone a wide table scrolls inside its own box; the page itself never scrolls sideways.
    <div className="max-w-full overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((column) => (
              <th key={column.header} scope="col" className="py-2 pr-4">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200 align-top">
              {columns.map((column) => (
                <td key={column.header} className={`py-2 pr-4${column.nowrap ? " whitespace-nowrap" : ""}`}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "2026-11-23 14:05 UTC": times as the back office shows them. */
export function formatUtc(date: Date | null | undefined, { seconds = false } = {}): string {
  return date
    ? `${date
        .toISOString()
        .replace("T", " ")
        .slice(0, seconds ? 19 : 16)} UTC`
    : "—";
}
