import { eq, inArray } from "drizzle-orm";
import { recordActivity } from "@/lib/activity";
import { parseSender } from "@/lib/mail/sender";
import storefrontWords from "../messages/en/storefront.json" with { type: "json" };
import type { Db } from "./client";
import * as schema from "./schema";

export type SeedOptions = {
  appUrl: string;
  /** The demo shops' sender address (EMAIL_FROM's address; a `Name <address>` value gives its address). */
  emailFrom: string;
  /**
   * Development only: demo shops whose base URL is still the one seeded from an earlier APP_URL move to the one
   * derived from this APP_URL (a developer who changes port gets working links without deleting .data/).
   */
  followAppUrl?: boolean;
};

/** The APP_URL the demo shops' base URLs were last derived from (a system preference row). */
export const SEED_APP_URL_KEY = "DEMO_SEED_APP_URL";

/** The standard attributes' words are the English catalogue's, which the storefront translates while they are unchanged. */
const { attributes: labels, passwordRule, customerTypes: typeNames } = storefrontWords.shopDefaults;

const definitions: (typeof schema.attributeDefinitions.$inferInsert)[] = [
  { code: "email", label: labels.email, valueKind: "email", required: true },
  { code: "firstName", label: labels.firstName, valueKind: "text", required: true },
  { code: "lastName", label: labels.lastName, valueKind: "text", required: true },
  {
    code: "password",
    label: labels.password,
    valueKind: "password",
    required: true,
    regex: "^(?=.*[A-Za-z])(?=.*[0-9]).*$",
    regexMessage: passwordRule,
  },
  { code: "confirmPassword", label: labels.confirmPassword, valueKind: "confirmPassword", required: true },
  { code: "company", label: labels.company, valueKind: "text", required: true },
];

/** The base URL of each demo shop as seeded from an APP_URL (SPEC §5: classic gets host classic.localhost). */
export function demoBaseUrls(appUrl: string): { demo: string; classic: string } {
  const classic = new URL(appUrl);
  classic.hostname = "classic.localhost";
  return { demo: appUrl, classic: classic.origin };
}

/**
 * The demo shops of SPEC §2, created only when the database has no shop yet; on later starts, with
 * `followAppUrl`, their untouched base URLs follow a changed APP_URL.
 */
export async function seedDemoData(db: Db, options: SeedOptions): Promise<void> {
  const existing = await db.select({ id: schema.shops.id }).from(schema.shops).limit(1);
  if (existing.length > 0) {
    if (options.followAppUrl) await followAppUrl(db, options.appUrl);
    return;
  }

  const urls = demoBaseUrls(options.appUrl);
  const senderEmail = parseSender(options.emailFrom)?.address ?? options.emailFrom;

  await db.transaction(async (tx) => {
    await tx.insert(schema.attributeDefinitions).values(definitions).onConflictDoNothing();
    const [demo, classic] = await tx
      .insert(schema.shops)
      .values([
        {
          code: "demo",
          name: "Demo Shop",
          baseUrl: urls.demo,
          senderName: "Demo Shop",
          senderEmail,
          accentColor: "#2563eb",
        },
        {
          code: "classic",
          name: "Classic Shop",
          baseUrl: urls.classic,
          senderName: "Classic Shop",
          senderEmail,
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
      { shopId: demo.id, code: "B2C", name: typeNames.B2C, position: 0 },
      { shopId: demo.id, code: "B2B", name: typeNames.B2B, position: 1 },
      { shopId: classic.id, code: "B2C", name: typeNames.B2C, position: 0 },
    ]);
    const form = (shopId: string, customerType: string, codes: string[]) =>
      codes.map((attributeCode, position) => ({ shopId, customerType, attributeCode, position }));
    await tx.insert(schema.registrationAttributes).values([
      ...form(demo.id, "B2C", ["email", "firstName", "lastName", "password", "confirmPassword"]),
      ...form(demo.id, "B2B", ["email", "firstName", "lastName", "company", "password", "confirmPassword"]),
      ...form(classic.id, "B2C", ["email", "firstName", "lastName"]),
    ]);
    await tx.insert(schema.systemPreferences).values({ key: SEED_APP_URL_KEY, value: options.appUrl });
  });
}

/**
 * Moves each demo shop whose base URL is exactly what the seed derived from the remembered APP_URL (nobody edited
 * it in the back office) to the one derived from the current APP_URL, and remembers the current one. A database
 * seeded before the URL was remembered counts as seeded from the demo shop's own base URL when the classic shop
 * still has the URL derived from it.
 */
async function followAppUrl(db: Db, appUrl: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [remembered] = await tx
      .select()
      .from(schema.systemPreferences)
      .where(eq(schema.systemPreferences.key, SEED_APP_URL_KEY))
      .for("update");
    if (remembered?.value === appUrl) return;
    const demoShops = await tx
      .select({ id: schema.shops.id, code: schema.shops.code, baseUrl: schema.shops.baseUrl })
      .from(schema.shops)
      .where(inArray(schema.shops.code, ["demo", "classic"]))
      .for("update");
    const current = (code: string) => demoShops.find((shop) => shop.code === code)?.baseUrl;
    const seededFrom = remembered?.value ?? inferredSeedUrl(current("demo"), current("classic"));
    if (seededFrom) {
      const before = demoBaseUrls(seededFrom);
      const after = demoBaseUrls(appUrl);
      for (const shop of demoShops) {
        const code = shop.code as keyof typeof before;
        if (shop.baseUrl !== before[code] || before[code] === after[code]) continue;
        await tx.update(schema.shops).set({ baseUrl: after[code] }).where(eq(schema.shops.id, shop.id));
        await recordActivity(tx, {
          action: "settings.changed",
          actorType: "system",
          shopId: shop.id,
          details: { key: "baseUrl", from: shop.baseUrl, to: after[code], reason: "APP_URL changed (development)" },
        });
      }
    }
    await tx
      .insert(schema.systemPreferences)
      .values({ key: SEED_APP_URL_KEY, value: appUrl })
      .onConflictDoUpdate({ target: schema.systemPreferences.key, set: { value: appUrl, updatedAt: new Date() } });
  });
}

function inferredSeedUrl(demo: string | undefined, classic: string | undefined): string | null {
  if (!demo || !classic) return null;
  try {
    return demoBaseUrls(demo).classic === classic ? demo : null;
  } catch {
    return null;
  }
}
