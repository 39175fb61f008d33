import { getDb } from "@/db/client";
import { ConfigError, getEnv } from "@/lib/env";
import { backOfficeBranding, bootstrapStaff } from "@/lib/staff/users";
import { deliverDueEmailsNow } from "./mail";

/**
 * Once per server start. A bad configuration stops the server with a message per variable (SPEC §5); then the
 * database is migrated and seeded, and on the very first start the first business user is created (SPEC §4).
 */
export async function startServer(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\n${error.message}\n\nSee README.md, "Configuration".\n`);
    process.exit(1);
  }
  const db = await getDb();
  const first = await bootstrapStaff(db, env.adminEmail, {
    branding: backOfficeBranding(env.appUrl),
    ip: null,
  });
  if (first) {
    // SPEC §4: the first temporary password is shown once here, besides the e-mail, so that nobody is locked out.
    process.stdout.write(
      `\nFirst back-office user created: ${first.email}\nTemporary password (shown once): ${first.password}\n` +
        `Sign in at ${env.appUrl}/admin/login and choose a new password.\n\n`,
    );
    await deliverDueEmailsNow().catch((error: Error) => console.error("Could not deliver the welcome e-mail:", error.message));
  }
}
