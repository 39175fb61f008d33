// The bench's PostgreSQL databases: a fresh one per run (created, migrated, seeded, dropped on exit), and one kept
// per contact count for Office › Contacts (seeded once by scripts/seed-contacts.ts and reused by later runs).
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { onCleanUp, paths, runToEnd } from "./processes";

/** The server the bench creates its databases on: DATABASE_URL's, else the local one, as the e2e suite does. */
export function serverUrl(): string {
  return process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export type Sql = postgres.Sql;

export function connect(url: string, max = 4): Sql {
  return postgres(url, { max, onnotice: () => {}, connect_timeout: 5 });
}

async function withServer<T>(work: (admin: Sql) => Promise<T>): Promise<T> {
  const admin = connect(serverUrl(), 1);
  try {
    return await work(admin);
  } catch (error) {
    throw new Error(`PostgreSQL at ${serverUrl()}: ${(error as Error).message} (is it running? set DATABASE_URL to another server)`);
  } finally {
    await admin.end();
  }
}

/** Applies the migrations and the demo shops, as the app does on its first start. */
async function migrate(url: string, appUrl: string): Promise<void> {
  const database = await openDatabase({ url, seed: { appUrl, emailFrom: "office@example.com" } });
  await database.close();
}

/** A new database with a random name, migrated and holding the demo shops; dropped by the clean-up. */
export async function createFreshDatabase(appUrl: string): Promise<{ name: string; url: string }> {
  const name = `sfa_bench_${randomBytes(6).toString("hex")}`;
  await withServer((admin) => admin.unsafe(`create database ${name}`));
  onCleanUp(`database ${name}`, () => withServer((admin) => admin.unsafe(`drop database if exists ${name} with (force)`)).then(() => undefined));
  const url = databaseUrl(name);
  await migrate(url, appUrl);
  return { name, url };
}

const SEEDED_KEY = "BENCH_CONTACTS_SEEDED";

/**
 * The database of `count` contacts, named by the count and kept between runs. One that exists without the mark of a
 * finished seeding (an interrupted run) is dropped and seeded again.
 */
export async function contactsDatabase(count: number, appUrl: string, progress: (line: string) => void): Promise<{ name: string; url: string; seededNow: boolean }> {
  const name = `sfa_bench_contacts_${count}`;
  const url = databaseUrl(name);
  const exists = await withServer(async (admin) => (await admin`select 1 from pg_database where datname = ${name}`).length > 0);
  if (exists) {
    const sql = connect(url, 1);
    try {
      const [mark] = await sql`select value from system_preferences where key = ${SEEDED_KEY}`.catch(() => []);
      if (mark?.value === String(count)) {
        await migrate(url, appUrl); // migrations added since it was seeded
        return { name, url, seededNow: false };
      }
    } finally {
      await sql.end();
    }
    progress(`${name} exists but its seeding did not finish: seeding it again`);
    await withServer((admin) => admin.unsafe(`drop database if exists ${name} with (force)`));
  }
  await withServer((admin) => admin.unsafe(`create database ${name}`));
  // Until it is marked seeded, an interruption drops it: the next run starts over instead of using half a table.
  const forget = onCleanUp(`unfinished ${name}`, () => withServer((admin) => admin.unsafe(`drop database if exists ${name} with (force)`)).then(() => undefined));
  await migrate(url, appUrl);
  progress(`seeding ${count.toLocaleString("en")} contacts into ${name} (once; later runs reuse it)…`);
  await runToEnd("seed:contacts", process.execPath, [paths.tsx, "scripts/seed-contacts.ts", String(count)], {
    DATABASE_URL: url,
    NODE_ENV: "production",
    AUTH_SECRET: "bench-seeding-secret-0123456789-abcdefghijkl",
    MAIL_TRANSPORT: "local",
    APP_URL: appUrl,
  });
  const sql = connect(url, 1);
  try {
    await sql`insert into system_preferences (key, value) values (${SEEDED_KEY}, ${String(count)})
      on conflict (key) do update set value = excluded.value`;
  } finally {
    await sql.end();
  }
  await forget.cancel();
  return { name, url, seededNow: true };
}
