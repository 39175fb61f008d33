/** Runs once when the server starts: a bad configuration stops it with a clear message (SPEC §5). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv, ConfigError } = await import("./lib/env");
  try {
    getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n\nSee README.md, "Configuration".\n`);
      process.exit(1);
    }
    throw error;
  }
  const { getDb } = await import("./db/client");
  await getDb();
}
