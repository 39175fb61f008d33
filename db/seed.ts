import type { Db } from "./client";
import * as schema from "./schema";

export type SeedOptions = { appUrl: string; emailFrom: string };

const definitions: (typeof schema.attributeDefinitions.$inferInsert)[] = [
  { code: "email", label: "Email", valueKind: "email", required: true },
  { code: "firstName", label: "First name", valueKind: "text", required: true },
  { code: "lastName", label: "Last name", valueKind: "text", required: true },
  {
    code: "password",
    label: "Password",
    valueKind: "password",
    required: true,
    regex: "^(?=.*[A-Za-z])(?=.*[0-9]).*$",
    regexMessage: "Use at least one letter and one digit.",
  },
  { code: "confirmPassword", label: "Confirm password", valueKind: "confirmPassword", required: true },
  { code: "company", label: "Company", valueKind: "text", required: true },
];

/** The demo shops of SPEC §2, created only when the database has no shop yet. */
export async function seedDemoData(db: Db, options: SeedOptions): Promise<void> {
  const existing = await db.select({ id: schema.shops.id }).from(schema.shops).limit(1);
  if (existing.length > 0) return;

  const classicUrl = new URL(options.appUrl);
  classicUrl.hostname = "classic.localhost";

  await db.transaction(async (tx) => {
    await tx.insert(schema.attributeDefinitions).values(definitions).onConflictDoNothing();
    const [demo, classic] = await tx
      .insert(schema.shops)
      .values([
        {
          code: "demo",
          name: "Demo Shop",
          baseUrl: options.appUrl,
          senderName: "Demo Shop",
          senderEmail: options.emailFrom,
          accentColor: "#2563eb",
        },
        {
          code: "classic",
          name: "Classic Shop",
          baseUrl: classicUrl.origin,
          senderName: "Classic Shop",
          senderEmail: options.emailFrom,
          accentColor: "#7c2d12",
          callCentreResetMode: "generated",
        },
      ])
      .returning();
    await tx.insert(schema.shopHosts).values([
      { host: "localhost", shopId: demo.id },
      { host: "127.0.0.1", shopId: demo.id },
      { host: "demo.localhost", shopId: demo.id },
      { host: "classic.localhost", shopId: classic.id },
    ]);
    await tx.insert(schema.customerTypes).values([
      { shopId: demo.id, code: "B2C", name: "Personal", position: 0 },
      { shopId: demo.id, code: "B2B", name: "Business", position: 1 },
      { shopId: classic.id, code: "B2C", name: "Personal", position: 0 },
    ]);
    const form = (shopId: string, customerType: string, codes: string[]) =>
      codes.map((attributeCode, position) => ({ shopId, customerType, attributeCode, position }));
    await tx.insert(schema.registrationAttributes).values([
      ...form(demo.id, "B2C", ["email", "firstName", "lastName", "password", "confirmPassword"]),
      ...form(demo.id, "B2B", ["email", "firstName", "lastName", "company", "password", "confirmPassword"]),
      ...form(classic.id, "B2C", ["email", "firstName", "lastName"]),
    ]);
  });
}
