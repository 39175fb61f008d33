import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { SortDirection } from "@/lib/paging";

/** `sortKey`: the column sorts by this key (a GET link in its header, so sorting works without JavaScript). */
export type Column<T> = { header: string; cell: (row: T) => ReactNode; nowrap?: boolean; sortKey?: string };

/** The table's current order and the address of the list in another order. */
export type TableSort = { key: string; dir: SortDirection; href: (key: string, dir: SortDirection) => string };

type DataTableProps<T> = {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption?: string;
  /** Shown instead of an empty table: say what to do (e.g. a link to create the first item). */
  empty?: ReactNode;
  sort?: TableSort;
};

function SortHeader({ header, sortKey, sort }: { header: string; sortKey: string; sort: TableSort }) {
  const t = useTranslations("common.sort");
  const current = sort.key === sortKey ? sort.dir : null;
  // A click on the sorted column turns it round; on another column it sorts that one ascending.
  const next: SortDirection = current === "asc" ? "desc" : "asc";
  return (
    <Link href={sort.href(sortKey, next)} className="inline-flex items-center gap-1 whitespace-nowrap text-slate-900 no-underline hover:underline" title={t("sortBy", { column: header })}>
      {header}
      <span aria-hidden="true" className={current ? "text-slate-900" : "text-slate-400"}>
        {current === "asc" ? "▲" : current === "desc" ? "▼" : "↕"}
      </span>
      {current ? <span className="sr-only">, {current === "asc" ? t("ascending") : t("descending")}</span> : null}
    </Link>
  );
}

const ariaSort = { asc: "ascending", desc: "descending" } as const;

/** The back office's tables: one header row, one row per item, the caption for screen readers. */
export function DataTable<T>({ rows, columns, rowKey, caption, empty, sort }: DataTableProps<T>) {
  if (rows.length === 0 && empty) return <div className="rounded-md border border-dashed border-slate-300 p-4 text-slate-700">{empty}</div>;
  return (
    // On a phone a wide table scrolls inside its own box; the page itself never scrolls sideways. The box takes focus,
    // so that it can be scrolled from the keyboard too, and is named after the table.
    <div className="max-w-full overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((column) => (
              <th
                key={column.header}
                scope="col"
                className="py-2 pr-4"
                aria-sort={sort && column.sortKey ? (sort.key === column.sortKey ? ariaSort[sort.dir] : "none") : undefined}
              >
                {sort && column.sortKey ? <SortHeader header={column.header} sortKey={column.sortKey} sort={sort} /> : column.header}
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
