import { getDb } from "@/db/client";
import { ConfigError, getEnv } from "./index";

/** A bad configuration stops the server with a message per variable (SPEC §5); then the database is prepared. */
export async function startServer(): Promise<void> {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\n${error.message}\n\nSee README.md, "Configuration".\n`);
    process.exit(1);
  }
  await getDb();
}
