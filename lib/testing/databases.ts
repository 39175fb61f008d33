import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { getEnv } from "@/lib/env";

export const databaseKinds = ["pglite", "postgres"] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/** The PostgreSQL server the tests create their throwaway databases on. */
function serverUrl(): string {
  return process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

const seed = { appUrl: "http://localhost:3000", emailFrom: "shop@example.com" };

/** A fresh, migrated and seeded database of the given kind; PostgreSQL ones are dropped on close. */
export async function createTestDatabase(kind: DatabaseKind): Promise<{ db: Db; close: () => Promise<void> }> {
  if (kind === "pglite") return openDatabase({ seed });
  const name = `sfa_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw new Error(`Cannot create a test database on ${serverUrl()}: is PostgreSQL running? (${(error as Error).message})`);
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), seed });
  return {
    db: database.db,
    close: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Runs a suite once against PGlite and once against the real PostgreSQL server, each on a fresh database. */
export function describeOnDatabases(name: string, suite: (db: () => Db) => void): void {
  describe.each(databaseKinds)(`${name} [%s]`, (kind) => {
    let database: { db: Db; close: () => Promise<void> } | undefined;
    beforeAll(async () => {
      getEnv();
      database = await createTestDatabase(kind);
    });
    afterAll(async () => {
      await database?.close();
    });
    suite(() => {
      if (!database) throw new Error("The test database is not open");
      return database.db;
    });
  });
}
