/**
 * Sorting and paging of the back office's short lists (business users, shops, attribute definitions: tens of rows,
 * read whole) from GET parameters. Long lists (contacts, notifications, activity) page in the database by keyset.
 */
export type SortDirection = "asc" | "desc";
export type Sort<K extends string> = { key: K; dir: SortDirection };

/** A search parameter as one string: the first of repeated ones, "" when absent. */
export const firstParam = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] : value) ?? "";

/** `?sort=name&dir=desc`: a key the list does not sort by, or no key, gives the list's default. */
export function parseSort<K extends string>(params: Record<string, string | string[] | undefined>, keys: readonly K[], fallback: Sort<K>): Sort<K> {
  const key = firstParam(params.sort);
  if (!keys.includes(key as K)) return fallback;
  return { key: key as K, dir: firstParam(params.dir) === "desc" ? "desc" : "asc" };
}

/** `?page=3`: anything but a whole number from 1 reads as the first page. */
export function parsePage(params: Record<string, string | string[] | undefined>): number {
  const raw = firstParam(params.page);
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

export type SortValue = string | number | boolean | Date | null | undefined;

const collators = new Map<string, Intl.Collator>();

/** Text in a language's alphabetical order ("ru" puts Cyrillic first), case and accents aside, "User 2" before "User 10". */
export function textOrder(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) collators.set(locale, (collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true })));
  return collator;
}

function compare(a: SortValue, b: SortValue, collator: Intl.Collator): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b);
  const x = a instanceof Date ? a.getTime() : Number(a);
  const y = b instanceof Date ? b.getTime() : Number(b);
  return x - y;
}

/** A stable sort by one key, text in the page's language's order; empty values last in either direction. */
export function sortRows<T, K extends string>(rows: readonly T[], sort: Sort<K>, valueOf: Record<K, (row: T) => SortValue>, locale: string): T[] {
  const value = valueOf[sort.key];
  const collator = textOrder(locale);
  const sign = sort.dir === "desc" ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const empty = (a.key === null || a.key === undefined ? 1 : 0) - (b.key === null || b.key === undefined ? 1 : 0);
      if (empty !== 0) return empty;
      return sign * compare(a.key, b.key, collator) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

export type OffsetPage<T> = { rows: T[]; page: number; pages: number; total: number };

/** One page of `size` rows; a page past the end shows the last one. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): OffsetPage<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: rows.slice((current - 1) * size, current * size), page: current, pages, total: rows.length };
}
