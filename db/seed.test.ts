import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { beforeEach, describe, expect, it } from "vitest";
import { databaseKinds, describeOnDatabases } from "@/lib/testing/databases";
import { openDatabase, type Database, type Db } from "./client";
import { activityLog, shops, systemPreferences } from "./schema";
import { SEED_APP_URL_KEY, seedDemoData } from "./seed";

const emailFrom = "shop@example.com";

async function baseUrls(db: Db): Promise<Record<string, string>> {
  const rows = await db.select({ code: shops.code, baseUrl: shops.baseUrl }).from(shops);
  return Object.fromEntries(rows.map((row) => [row.code, row.baseUrl]));
}

async function remembered(db: Db): Promise<string | undefined> {
  const [row] = await db.select().from(systemPreferences).where(eq(systemPreferences.key, SEED_APP_URL_KEY));
  return row?.value;
}

/** SPEC §5 APP_URL, issue 9 defect 7: in development the demo shops follow APP_URL until an admin edits them. */
describeOnDatabases("demo shops and APP_URL", (db) => {
  // What the process does on start: open (migrate) the database, then seed it with the current configuration.
  const start = (appUrl: string, followAppUrl = true) => seedDemoData(db(), { appUrl, emailFrom, followAppUrl });

  beforeEach(async () => {
    await start("http://localhost:3000");
    await db()
      .update(shops)
      .set({ baseUrl: "http://localhost:3000" })
      .where(eq(shops.code, "demo"));
    await db().update(shops).set({ baseUrl: "http://classic.localhost:3000" }).where(eq(shops.code, "classic"));
    await start("http://localhost:3000");
  });

  it("remembers the APP_URL the demo shops were seeded with", async () => {
    expect(await remembered(db())).toBe("http://localhost:3000");
    expect(await baseUrls(db())).toEqual({ demo: "http://localhost:3000", classic: "http://classic.localhost:3000" });
  });

  it("moves untouched base URLs to a new APP_URL, logs it, and remembers the new one", async () => {
    await start("http://localhost:3107");
    expect(await baseUrls(db())).toEqual({ demo: "http://localhost:3107", classic: "http://classic.localhost:3107" });
    expect(await remembered(db())).toBe("http://localhost:3107");
    const logged = await db()
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.action, "settings.changed"), eq(activityLog.actorType, "system")));
    expect(logged.map((entry) => entry.details)).toContainEqual(
      expect.objectContaining({ key: "baseUrl", from: "http://classic.localhost:3000", to: "http://classic.localhost:3107" }),
    );
    await start("https://dev.example.test:8443");
    expect(await baseUrls(db())).toEqual({ demo: "https://dev.example.test:8443", classic: "https://classic.localhost:8443" });
  });

  it("leaves a base URL that an admin edited where it is, and still moves the other", async () => {
    await db().update(shops).set({ baseUrl: "https://classic.example.com" }).where(eq(shops.code, "classic"));
    await start("http://localhost:3107");
    expect(await baseUrls(db())).toEqual({ demo: "http://localhost:3107", classic: "https://classic.example.com" });
    await db().update(shops).set({ baseUrl: "https://demo.example.com" }).where(eq(shops.code, "demo"));
    await start("http://localhost:3200");
    expect(await baseUrls(db())).toEqual({ demo: "https://demo.example.com", classic: "https://classic.example.com" });
  });

  it("never moves anything in production", async () => {
    await start("https://shop.example.com", false);
    expect(await baseUrls(db())).toEqual({ demo: "http://localhost:3000", classic: "http://classic.localhost:3000" });
    expect(await remembered(db())).toBe("http://localhost:3000");
  });

  it("follows on a database seeded before the URL was remembered, when the shops still have seeded URLs", async () => {
    await db().delete(systemPreferences).where(eq(systemPreferences.key, SEED_APP_URL_KEY));
    await start("http://localhost:3107");
    expect(await baseUrls(db())).toEqual({ demo: "http://localhost:3107", classic: "http://classic.localhost:3107" });
    expect(await remembered(db())).toBe("http://localhost:3107");
  });
});

/** The same through a real restart: the database closed and opened again with another APP_URL. */
describe.each(databaseKinds)("reopening the database with another APP_URL [%s]", (kind) => {
  it("gives the demo shops links to the new port", async () => {
    const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `sfa_seed_${randomBytes(6).toString("hex")}`;
    const dir = mkdtempSync(path.join(tmpdir(), "sfa-seed-"));
    const admin = kind === "postgres" ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : null;
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const open = (appUrl: string): Promise<Database> =>
      openDatabase(kind === "postgres" ? { url: url.toString(), seed: { appUrl, emailFrom, followAppUrl: true } } : { pgliteDir: dir, seed: { appUrl, emailFrom, followAppUrl: true } });
    try {
      await admin?.unsafe(`create database ${name}`);
      const first = await open("http://localhost:3000");
      expect(await baseUrls(first.db)).toEqual({ demo: "http://localhost:3000", classic: "http://classic.localhost:3000" });
      await first.close();
      const second = await open("http://localhost:3107");
      expect(await baseUrls(second.db)).toEqual({ demo: "http://localhost:3107", classic: "http://classic.localhost:3107" });
      await second.close();
    } finally {
      await admin?.unsafe(`drop database if exists ${name} with (force)`);
      await admin?.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
