// npm run admin:create -- --email someone@example.com [--name "Full Name"] [--roles customer_service,user_manager]
//                         [--shops demo,classic]
// Creates a business user with a temporary password, e-mails it, and prints it once (SPEC §4). Without --shops the
// user works in All shops; with it, only in the shops of those codes.
import { parseArgs } from "node:util";
import { getDb } from "@/db/client";
import { staffRoles } from "@/db/schema";
import { ConfigError, getEnv } from "@/lib/env";
import { deliverWithConfiguredTransport } from "@/lib/mail/deliver";
import { backOfficeBranding, createStaffUser } from "@/lib/staff/users";
import { inEnglish } from "@/i18n/english";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, roles: { type: "string" }, shops: { type: "string" } },
    strict: true,
  });
  if (!values.email) {
    console.error("Usage: npm run admin:create -- --email someone@example.com [--name \"Full Name\"] [--roles a,b] [--shops code1,code2]");
    console.error(`Roles: ${staffRoles.join(", ")} (default: all). Shops: shop codes (default: All shops).`);
    return 2;
  }
  const env = getEnv();
  const db = await getDb();
  const list = (text: string) => text.split(",").map((item) => item.trim()).filter(Boolean);
  const roles = values.roles ? list(values.roles) : [...staffRoles];
  const shops = values.shops === undefined ? { shopScope: "all" } : { shopScope: "chosen", shops: list(values.shops) };
  const result = await createStaffUser(
    db,
    null,
    { email: values.email, name: values.name ?? values.email.split("@")[0], roles, ...shops },
    { branding: backOfficeBranding(env.appUrl), ip: null },
  );
  if (!result.ok) {
    if (result.reason === "exists") console.error(`A business user with the e-mail ${values.email} already exists.`);
    else for (const [field, messages] of Object.entries(result.fieldErrors)) console.error(`--${field}: ${messages.map(inEnglish).join(" ")}`);
    return 1;
  }
  await deliverWithConfiguredTransport(db, env);
  process.stdout.write(
    `Created ${result.user.email} (${result.user.roles.join(", ")}; ${values.shops ? `shops ${list(values.shops).join(", ")}` : "All shops"}).\nTemporary password (shown once): ${result.password}\n` +
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
