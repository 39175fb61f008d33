import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import { connectionClosed, watchDatabase } from "./availability";
import * as schema from "./schema";
import { seedDemoData, type SeedOptions } from "./seed";

/** A database handle or an open transaction: domain functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = { db: Db; close: () => Promise<void> };

export type DatabaseOptions = {
  /** PostgreSQL connection string; without it an embedded PGlite is used. */
  url?: string;
  /** Folder for PGlite's files; without it (and without url) PGlite lives in memory. */
  pgliteDir?: string;
  /** PostgreSQL only: connections per process (default 10), and no prepared statements behind a transaction pooler. */
  pool?: { max: number; prepare: boolean };
  /** Where migrations and seeding run (under a session-level lock): the database itself, not a transaction pooler. */
  setupUrl?: string;
  seed: SeedOptions;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * postgres-js waits 30 s for a connection by default, and after failed connections waits up to 20 s before the next
 * attempt: during an outage requests hung that long. Fail within seconds and retry within a second instead.
 */
const failFast = {
  connect_timeout: 2,
  backoff: (attempt: number) => Math.min(0.1 * attempt, 1),
  onnotice: () => {},
};

/** Opens the database, applies pending migrations and seeds the demo data into an empty one. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.seed, options.pool ?? { max: 10, prepare: true }, options.setupUrl ?? options.url);
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  const client = new PGlite({ dataDir: options.pgliteDir, extensions: { pg_trgm, btree_gin } });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  await seedDemoData(db, options.seed);
  return { db, close: () => client.close() };
}

async function openPostgres(url: string, seed: SeedOptions, pool: { max: number; prepare: boolean }, setupUrl: string): Promise<Database> {
  // Migrate and seed on one connection under an advisory lock: several instances may start at once.
  const setup = postgres(setupUrl, { ...failFast, max: 1 });
  try {
    const setupDb = drizzlePostgres({ client: setup, schema });
    await setupDb.execute(sql`select pg_advisory_lock(724100301)`);
    await migratePostgres(setupDb, { migrationsFolder });
    await seedDemoData(setupDb, seed);
  } finally {
    await setup.end();
  }
  const client = postgres(url, { ...failFast, ...pool, onclose: connectionClosed });
  // Its own connection, so that a probe never queues behind the requests' queries.
  const probe = postgres(url, { ...failFast, max: 1, prepare: pool.prepare, backoff: () => 0 });
  watchDatabase(() => probe`select 1`);
  return {
    db: drizzlePostgres({ client, schema }),
    close: async () => {
      await Promise.all([client.end(), probe.end()]);
    },
  };
}

// On globalThis, not in a module variable: Next.js may load this module in several bundles of one process
// (instrumentation, routes, dev reloads), and PGlite must have exactly one instance per data folder.
const holder = globalThis as typeof globalThis & { storefrontDatabase?: Promise<Database> };

/** The application's one database per process, opened (and migrated) on first use. */
export function getDb(): Promise<Db> {
  holder.storefrontDatabase ??= (async () => {
    const env = getEnv();
    return openDatabase({
      url: env.databaseUrl,
      pgliteDir: path.join(env.dataDir, "pglite"),
      pool: env.databasePool,
      setupUrl: env.databaseSetupUrl,
      seed: { appUrl: env.appUrl, emailFrom: env.sender.address, followAppUrl: !env.production },
    });
  })().catch((error) => {
    holder.storefrontDatabase = undefined;
    throw error;
  });
  return holder.storefrontDatabase.then((database) => database.db);
}
