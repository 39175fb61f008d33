import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { getEnv } from "@/lib/env";
import { deliverWithConfiguredTransport } from "@/lib/mail/deliver";
import { backOfficeBranding, createStaffUser } from "@/lib/staff/users";
import { appEnv, appPort } from "./app-env";
import { extractLinks, waitForEmail, type SinkEmail } from "./sink";

type Sql = ReturnType<typeof postgres>;

/**
 * Each test is its own client address (the server trusts X-Forwarded-For here, as behind a proxy), so the
 * per-address abuse limits see separate people. `sql` is direct access to the app's database: for assertions
 * and to move time forward, never to fake a flow.
 */
export const test = base.extend<{ clientAddress: string }, { sql: Sql }>({
  clientAddress: async ({}, provide) => {
    const [a, b] = randomBytes(2);
    await provide(`198.18.${a}.${b}`);
  },
  extraHTTPHeaders: async ({ clientAddress }, provide) => {
    await provide({ "x-forwarded-for": clientAddress });
  },
  sql: [
    async ({}, provide) => {
      const sql = postgres(process.env.E2E_DATABASE_URL!, { max: 2, onnotice: () => {} });
      await provide(sql);
      await sql.end();
    },
    { scope: "worker" },
  ],
});

export { expect };

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString("hex")}@example.com`;
}

export const PASSWORD = "Correct-horse-42";

/** The demo shops of SPEC §2 as the suite reaches them (Chromium resolves *.localhost to loopback itself). */
export type DemoShop = {
  code: "demo" | "classic";
  name: string;
  /** Where the browser reaches it; also its seeded base URL, which every e-mailed link must start with. */
  origin: string;
  /** Demo: customers choose passwords. Classic: passwords are generated and e-mailed. */
  passwords: "user-controlled" | "automatic";
};

export const demoShop: DemoShop = { code: "demo", name: "Demo Shop", origin: `http://localhost:${appPort}`, passwords: "user-controlled" };
export const classicShop: DemoShop = {
  code: "classic",
  name: "Classic Shop",
  origin: `http://classic.localhost:${appPort}`,
  passwords: "automatic",
};
export const demoShops: DemoShop[] = [demoShop, classicShop];

/** An absolute URL of a page of the shop. */
export function shopUrl(shop: DemoShop, path: string): string {
  return `${shop.origin}${path}`;
}

export type Shopper = { email: string; firstName: string; lastName: string; password: string };

export function newShopper(label: string): Shopper {
  return { email: uniqueEmail(label), firstName: "Ada", lastName: "Lovelace", password: PASSWORD };
}

/**
 * Fills and submits a shop's registration form (the demo shop's unless told); passwords only where the shop's
 * customers choose them.
 */
export async function register(page: Page, shopper: Shopper, confirm = shopper.password, shop: DemoShop = demoShop): Promise<void> {
  await page.goto(shopUrl(shop, "/register"));
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("First name").fill(shopper.firstName);
  await page.getByLabel("Last name").fill(shopper.lastName);
  if (shop.passwords === "user-controlled") {
    await page.getByLabel("Password", { exact: true }).fill(shopper.password);
    await page.getByLabel("Confirm password").fill(confirm);
  }
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function activationEmail(email: string, count = 1): Promise<SinkEmail> {
  const emails = await waitForEmail({ to: email, tag: "storefront-account-activation" }, { count });
  return emails[emails.length - 1];
}

export function linkTo(email: SinkEmail, path: string): string {
  const link = extractLinks(email).find((candidate) => new URL(candidate).pathname.startsWith(path));
  if (!link) throw new Error(`No ${path} link in "${email.subject}": ${email.text}`);
  return link;
}

/**
 * A shopper who registered and activated from the e-mail, ready to sign in (the demo shop's unless told). In
 * automatic mode their password is the one e-mailed on activation.
 */
export async function activeShopper(page: Page, label: string, shop: DemoShop = demoShop): Promise<Shopper> {
  const shopper = newShopper(label);
  await register(page, shopper, shopper.password, shop);
  await page.goto(linkTo(await activationEmail(shopper.email), "/activate/"));
  await expect(page.getByRole("heading", { name: "Your account is active" })).toBeVisible();
  if (shop.passwords === "automatic") {
    const [welcome] = await waitForEmail({ to: shopper.email, tag: "activation-successful" });
    shopper.password = passwordIn(welcome.text);
  }
  return shopper;
}

/** Signs in on a shop's sign-in page (the demo shop's unless told). */
export async function signIn(page: Page, email: string, password: string, shop: DemoShop = demoShop): Promise<void> {
  await page.goto(shopUrl(shop, "/login"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The WCAG 2.1 A and AA rules of axe, which issue 13 holds every page to. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe's serious and critical violations on the current page (all of axe's rules, or those of `tags`), one line each
 * with the rule, its help and the elements it found.
 */
export async function seriousViolations(page: Page, tags?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (tags ? builder.withTags(tags) : builder).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** No serious or critical accessibility violation on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  // A page that has just been re-rendered by an action may not have its streamed <title> yet: wait for it (a page
  // without one still fails, here), then let axe read the whole page.
  await expect(page, `title of ${page.url()}`).toHaveTitle(/\S/);
  expect(await seriousViolations(page), `axe on ${page.url()}`).toEqual([]);
}

/** The password in an e-mail that carries one ("Your password: …", "Temporary password: …"). */
export function passwordIn(text = ""): string {
  return text.match(/password:\s*(\S{16,})/i)?.[1] ?? "";
}

export async function adminSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Runs an action that asks first (issue 13): with JavaScript its button opens a dialog whose "Confirm" posts it;
 * without, the button is a link to a page asking the same question, whose "Confirm" posts it.
 */
export async function confirmAction(page: Page, label: string, javaScriptEnabled = true): Promise<void> {
  if (javaScriptEnabled) {
    // Until React runs, the button is still the link of the page without JavaScript: wait for the button.
    await page.getByRole("button", { name: label, exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog).toBeHidden();
  } else {
    await page.getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(/\/confirm\//);
    await page.getByRole("button", { name: "Confirm" }).click();
  }
}

/**
 * Waits until a list's filters apply themselves (JavaScript has run and the form's button is gone): typing before
 * then would only fill the field.
 */
export async function untilFiltersLive(page: Page): Promise<void> {
  await expect(page.getByRole("search").getByRole("button")).toHaveCount(0);
}

export const STAFF_PASSWORD = "Staff#Chosen2026x";

/** The app's database as its domain code sees it, opened once per worker, for arranging what a test starts from. */
let domainDb: Db | undefined;

/**
 * A business user created by the back office's own domain code, as `npm run admin:create` and New user create one
 * (roles by code, e.g. "customer_service"; temporary password, welcome e-mail sent), signed in on a page of its
 * own (in `context` if given) and past the forced change of its temporary password (to STAFF_PASSWORD). The CLI
 * itself is tested in storefront-shops.spec.ts; spawning it for every test cost seconds each.
 */
export async function newStaff(
  browser: Browser,
  clientAddress: string,
  roles: string[],
  name = `Staff ${roles.join(" ")}`,
  context?: BrowserContext,
): Promise<{ page: Page; email: string; name: string }> {
  const email = uniqueEmail("staff");
  if (!domainDb) {
    // The domain code reads its configuration as the app does (getEnv): the app's, as the CLI tools get it.
    const env: Record<string, string> = appEnv();
    delete env.NODE_ENV;
    Object.assign(process.env, env);
    domainDb = drizzle(postgres(env.DATABASE_URL, { max: 2, onnotice: () => {} }), { schema });
  }
  const created = await createStaffUser(domainDb, null, { email, name, roles, shopScope: "all" }, { branding: backOfficeBranding(appEnv().APP_URL), ip: null });
  if (!created.ok) throw new Error(`Could not create ${email}: ${JSON.stringify(created)}`);
  await deliverWithConfiguredTransport(domainDb, getEnv());
  const temporary = created.password;
  const page = await (context ?? (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } }))).newPage();
  await adminSignIn(page, email, temporary);
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password", { exact: true }).fill(STAFF_PASSWORD);
  await page.getByLabel("Confirm new password").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
  return { page, email, name };
}
