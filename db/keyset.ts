import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";

/**
 * Keyset pagination, newest first, on (created_at, id): the cursor is the last row's time and id, opaque to the
 * browser (base64url JSON). A cursor that is not one (edited, truncated, overlong) reads as "first page".
 */
const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

export function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor || cursor.length > 600) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const encodeCursor = (row: { cursorAt: string; id: string }) => Buffer.from(JSON.stringify([row.cursorAt, row.id])).toString("base64url");

export const withoutCursor = <T extends { cursorAt: string }>(row: T): Omit<T, "cursorAt"> => {
  const copy: Partial<T> = { ...row };
  delete copy.cursorAt;
  return copy as Omit<T, "cursorAt">;
};

/** A row's time to the microsecond, as PostgreSQL keeps it: a JavaScript Date would cut it to the millisecond, and the
 * next page would skip rows created within the same millisecond. */
export const cursorAtOf = (column: SQLWrapper) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The rows after the cursor's, newest first (or oldest first with `order` "asc"). */
export function afterCursor(cursor: [string, string] | null, createdAt: SQLWrapper, id: SQLWrapper, order: "asc" | "desc" = "desc"): SQL | undefined {
  if (!cursor) return undefined;
  return order === "asc"
    ? sql`(${createdAt}, ${id}) > (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`
    : sql`(${createdAt}, ${id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)`;
}

/** One page of `size` from `size + 1` fetched rows, with the cursor of the next page when there is one. */
export function keysetPage<T extends { cursorAt: string; id: string }>(rows: T[], size: number): { rows: Omit<T, "cursorAt">[]; next: string | null } {
  const page = rows.slice(0, size);
  return { rows: page.map(withoutCursor), next: rows.length > size ? encodeCursor(page[page.length - 1]) : null };
}
