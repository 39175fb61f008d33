import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "./rows";
import { openDatabase } from "./client";

/**
 * Behind a pooler in transaction mode each statement may run on another server connection, where a statement
 * prepared on the first does not exist: with `prepare: false` the app must prepare none (issue 12, point 4).
 */
describe("the PostgreSQL pool [postgres]", () => {
  const server = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const name = `sfa_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  const seed = { appUrl: "http://localhost:3000", emailFrom: "shop@example.com" };

  beforeAll(async () => {
    await admin.unsafe(`create database ${name}`);
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  /** Runs the same parameterised query a few times on a one-connection pool, then counts that session's prepared statements. */
  async function preparedAfterQueries(prepare: boolean): Promise<{ prepared: number; connections: number }> {
    const database = await openDatabase({ url: url.toString(), seed, pool: { max: 1, prepare } });
    try {
      for (let i = 0; i < 3; i++) await database.db.execute(sql`select code from shops where code = ${"demo"}`);
      const [{ prepared }] = rowsOf<{ prepared: number }>(await database.db.execute(sql`select count(*)::int as prepared from pg_prepared_statements`));
      const [{ connections }] = await admin`select count(*)::int as connections from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
      return { prepared, connections };
    } finally {
      await database.close();
    }
  }

  it("prepares statements by default and none with prepare: false, on as many connections as asked for", async () => {
    const prepared = await preparedAfterQueries(true);
    expect(prepared.prepared).toBeGreaterThan(0);
    const unprepared = await preparedAfterQueries(false);
    expect(unprepared.prepared).toBe(0);
    // The pool's one connection and the availability probe's.
    expect(unprepared.connections).toBeLessThanOrEqual(2);
  });
});
