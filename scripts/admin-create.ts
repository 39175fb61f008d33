// npm run admin:create -- --email someone@example.com [--name "Full Name"] [--roles customer_service,user_manager]
// Creates a business user with a temporary password, e-mails it, and prints it once (SPEC §4).
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { staffRoles } from "@/db/schema";
import { ConfigError, getEnv } from "@/lib/env";
import { deliverWithConfiguredTransport } from "@/lib/mail/deliver";
import { backOfficeBranding, createStaffUser } from "@/lib/staff/users";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, roles: { type: "string" } },
    strict: true,
  });
  if (!values.email) {
    console.error("Usage: npm run admin:create -- --email someone@example.com [--name \"Full Name\"] [--roles a,b]");
    console.error(`Roles: ${staffRoles.join(", ")} (default: all)`);
    return 2;
  }
  const env = getEnv();
  const db = await getDb();
  const roles = values.roles ? values.roles.split(",").map((role) => role.trim()) : [...staffRoles];
  const result = await createStaffUser(
    db,
    null,
    { email: values.email, name: values.name ?? values.email.split("@")[0], roles },
    { branding: backOfficeBranding(env.appUrl), ip: null },
  );
  if (!result.ok) {
    if (result.reason === "exists") console.error(`A business user with the e-mail ${values.email} already exists.`);
    else for (const [field, messages] of Object.entries(result.fieldErrors)) console.error(`--${field}: ${messages.join(" ")}`);
    return 1;
  }
  await deliverWithConfiguredTransport(db, env);
  process.stdout.write(
    `Created ${result.user.email} (${result.user.roles.join(", ")}).\nTemporary password (shown once): ${result.password}\n` +
      `It was also e-mailed; it must be changed at the first sign-in at ${env.appUrl}/admin/login.\n`,
  );
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(error instanceof ConfigError ? error.message : `admin:create failed: ${error.message}`);
    process.exit(1);
  });
