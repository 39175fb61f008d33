// Every page of the app, once, for the specs and scripts that visit them all: e2e/accessibility.spec.ts (axe and
// layout at two widths) and scripts/screenshots.ts (docs/screenshots/). A new page is one line in `sitePages`.
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import {
  activationEmail,
  activeShopper,
  classicShop,
  demoShop,
  expect,
  linkTo,
  newStaff,
  shopUrl,
  signIn,
  uniqueEmail,
  type DemoShop,
} from "./fixtures";
import { appPort } from "./app-env";
import { waitForEmail } from "./sink";

type Sql = ReturnType<typeof import("postgres")>;

/** Who looks at a page: nobody signed in, a customer signed in on both demo shops, or staff. */
export type Visitor = "guest" | "customer" | "staff" | "agent";

/** What `prepareSite` made, for the URLs that need a record or a link of their own. */
export type Site = {
  contactId: string;
  staffId: string;
  notificationId: string;
  /** The link of a team-opened contact's activation e-mail: it opens "Choose your password". */
  setPasswordLink: string;
  /** Reset links from the sink, one per demo shop (user-controlled and automatic password mode). */
  resetLinks: Record<DemoShop["code"], string>;
  /** Signed-in browser state by visitor. */
  states: Record<Visitor, Awaited<ReturnType<BrowserContext["storageState"]>>>;
  clientAddress: string;
};

export type SitePage = {
  /** Unique, also the screenshot's file name (docs/screenshots/<name>-<width>.png). */
  name: string;
  visitor: Visitor;
  url: (site: Site) => string;
  /** Brings the page into the state to look at once it loaded (e.g. submit an empty form to show its errors). */
  prepare?: (page: Page) => Promise<void>;
  /** One of the main pages: shown in the README's screenshots. */
  screenshot?: boolean;
};

export const widths = [1280, 390] as const;
export type Width = (typeof widths)[number];

/** components/data-table.tsx (helper A's): its scrolling wrapper cannot be reached by keyboard where the table overflows. */

const demo = (path: string) => () => shopUrl(demoShop, path);
const classic = (path: string) => () => shopUrl(classicShop, path);
const admin = (path: string) => () => path;

async function submitEmpty(page: Page, button: string): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("alert").or(page.locator("[aria-invalid=true]")).first()).toBeVisible();
}

export const sitePages: SitePage[] = [
  // Storefront, Demo Shop (user-chosen passwords, two customer types)
  { name: "home", visitor: "guest", url: demo("/"), screenshot: true },
  { name: "login", visitor: "guest", url: demo("/login"), screenshot: true },
  { name: "login-errors", visitor: "guest", url: demo("/login"), prepare: (page) => submitEmpty(page, "Sign in") },
  { name: "register", visitor: "guest", url: demo("/register"), screenshot: true },
  { name: "register-business", visitor: "guest", url: demo("/register?type=B2B") },
  { name: "register-errors", visitor: "guest", url: demo("/register"), prepare: (page) => submitEmpty(page, "Create account") },
  { name: "check-inbox", visitor: "guest", url: demo("/check-inbox") },
  { name: "resend-activation", visitor: "guest", url: demo("/resend-activation") },
  { name: "activate-set-password", visitor: "guest", url: (site) => site.setPasswordLink },
  { name: "activate-done", visitor: "guest", url: demo("/activate/done") },
  { name: "activate-invalid", visitor: "guest", url: demo("/activate/invalid") },
  { name: "forgot-password", visitor: "guest", url: demo("/forgot-password") },
  { name: "forgot-password-sent", visitor: "guest", url: demo("/forgot-password/sent") },
  { name: "reset-password", visitor: "guest", url: (site) => site.resetLinks.demo, screenshot: true },
  { name: "reset-password-invalid", visitor: "guest", url: demo(`/reset-password/${"x".repeat(43)}`) },
  { name: "reset-password-done", visitor: "guest", url: demo("/reset-password/done") },
  { name: "account", visitor: "customer", url: demo("/account"), screenshot: true },
  { name: "not-found", visitor: "guest", url: demo("/no-such-page") },
  { name: "no-shop-here", visitor: "guest", url: () => `http://no-such-shop.localhost:${appPort}/` },
  // Storefront, Classic Shop (generated passwords, its own branding)
  { name: "classic-home", visitor: "guest", url: classic("/") },
  { name: "classic-login", visitor: "guest", url: classic("/login") },
  { name: "classic-register", visitor: "guest", url: classic("/register"), screenshot: true },
  { name: "classic-check-inbox", visitor: "guest", url: classic("/check-inbox") },
  { name: "classic-resend-activation", visitor: "guest", url: classic("/resend-activation") },
  { name: "classic-activate-done", visitor: "guest", url: classic("/activate/done?emailed=1") },
  { name: "classic-activate-invalid", visitor: "guest", url: classic("/activate/invalid") },
  { name: "classic-forgot-password", visitor: "guest", url: classic("/forgot-password") },
  { name: "classic-forgot-password-sent", visitor: "guest", url: classic("/forgot-password/sent") },
  { name: "classic-reset-password", visitor: "guest", url: (site) => site.resetLinks.classic },
  { name: "classic-reset-password-done", visitor: "guest", url: classic("/reset-password/done?emailed=1") },
  { name: "classic-account", visitor: "customer", url: classic("/account") },
  { name: "classic-not-found", visitor: "guest", url: classic("/no-such-page") },
  // Back office
  { name: "admin-login", visitor: "guest", url: admin("/admin/login"), screenshot: true },
  { name: "admin-login-errors", visitor: "guest", url: admin("/admin/login"), prepare: (page) => submitEmpty(page, "Sign in") },
  { name: "admin-change-password", visitor: "staff", url: admin("/admin/change-password") },
  { name: "admin-second-factor-set-up", visitor: "staff", url: admin("/admin/second-factor/set-up") },
  { name: "admin-dashboard", visitor: "staff", url: admin("/admin"), screenshot: true },
  { name: "admin-contacts", visitor: "staff", url: admin("/admin/contacts"), screenshot: true },
  { name: "admin-contacts-new", visitor: "staff", url: admin("/admin/contacts/new") },
  { name: "admin-contact", visitor: "staff", url: (site) => `/admin/contacts/${site.contactId}`, screenshot: true },
  { name: "admin-users", visitor: "staff", url: admin("/admin/users") },
  { name: "admin-users-new", visitor: "staff", url: admin("/admin/users/new") },
  { name: "admin-user", visitor: "staff", url: (site) => `/admin/users/${site.staffId}` },
  { name: "admin-notifications", visitor: "staff", url: admin("/admin/notifications"), screenshot: true },
  { name: "admin-notification", visitor: "staff", url: (site) => `/admin/notifications/${site.notificationId}` },
  { name: "admin-activity", visitor: "staff", url: admin("/admin/activity") },
  { name: "admin-settings", visitor: "staff", url: admin("/admin/settings") },
  { name: "admin-shops", visitor: "staff", url: admin("/admin/settings/shops") },
  { name: "admin-shops-new", visitor: "staff", url: admin("/admin/settings/shops/new") },
  { name: "admin-shop", visitor: "staff", url: admin("/admin/settings/shops/demo"), screenshot: true },
  { name: "admin-attributes", visitor: "staff", url: admin("/admin/settings/attributes") },
  { name: "admin-attributes-new", visitor: "staff", url: admin("/admin/settings/attributes/new") },
  { name: "admin-attribute", visitor: "staff", url: admin("/admin/settings/attributes/password") },
  { name: "admin-attribute-delete", visitor: "staff", url: admin("/admin/settings/attributes/password/confirm/delete") },
  { name: "admin-not-found", visitor: "staff", url: admin("/admin/contacts/00000000-0000-4000-8000-000000000000") },
  { name: "admin-forbidden", visitor: "agent", url: admin("/admin/settings") },
  // /dev/mailbox is not here: it exists only with the local mail transport, and the production build under test
  // delivers through the Resend sink (it answers 404 there, as in every production deployment without MAIL_TRANSPORT=local).
];

function newContext(browser: Browser, clientAddress: string): Promise<BrowserContext> {
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
}

/** Follows a reset link in `page` (the link's cookie stays in its context) and waits for the form it opens. */
async function openResetLink(page: Page, shop: DemoShop, email: string): Promise<string> {
  await page.goto(shopUrl(shop, "/forgot-password"));
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const [reset] = await waitForEmail({ to: email, tag: "storefront-password-reset" });
  return linkTo(reset, "/reset-password/");
}

/** A contact as Office › New contact takes it: in the Demo Shop, of the shop's first customer type, unless told. */
export type NewContact = { email: string; firstName: string; lastName: string; shop?: string; type?: string };

/**
 * Fills Office › New contact (JavaScript on) and submits it, leaving the outcome to the caller. React sets the selects'
 * values when it hydrates, so they are chosen once the page is interactive, and the shop is checked to have held.
 */
export async function submitNewContact(page: Page, contact: NewContact): Promise<void> {
  const shopName = contact.shop ?? demoShop.name;
  await page.goto("/admin/contacts/new");
  await page.waitForLoadState("networkidle");
  const shop = page.getByLabel("Shop");
  await shop.selectOption({ label: shopName });
  await expect(shop).toHaveValue((await shop.locator("option", { hasText: shopName }).getAttribute("value"))!);
  if (contact.type) await page.getByLabel("Customer type").selectOption(contact.type);
  await page.getByLabel("Email").fill(contact.email);
  await page.getByLabel("First name").fill(contact.firstName);
  await page.getByLabel("Last name").fill(contact.lastName);
  await page.getByRole("button", { name: "Create contact" }).click();
}

/** Creates a contact through Office › New contact and returns its id; the contact's page is open. */
export async function createContact(page: Page, contact: NewContact): Promise<string> {
  await submitNewContact(page, contact);
  await expect(page.getByText("The contact has been created")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * Makes what the pages need through the app itself: a staff user with every role (and an agent with one), a contact
 * opened by the team, an active customer in each demo shop, reset links from the sink; returns their browser states.
 */
export async function prepareSite(browser: Browser, sql: Sql): Promise<Site> {
  const clientAddress = `198.19.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  const staffContext = await newContext(browser, clientAddress);
  const staff = await newStaff(browser, clientAddress, ["customer_service", "user_manager", "shop_admin"], "Ada Staff", staffContext);
  const agentContext = await newContext(browser, clientAddress);
  await newStaff(browser, clientAddress, ["customer_service"], "Alan Agent", agentContext);

  // A contact opened by the team: its activation link asks for a password.
  const contactEmail = uniqueEmail("contact");
  const contactId = await createContact(staff.page, { email: contactEmail, firstName: "Grace", lastName: "Hopper" });
  const setPasswordLink = linkTo(await activationEmail(contactEmail), "/activate/");

  const customerContext = await newContext(browser, clientAddress);
  const customer = await customerContext.newPage();
  const demoShopper = await activeShopper(customer, "axe-demo", demoShop);
  const classicShopper = await activeShopper(customer, "axe-classic", classicShop);
  for (const [shop, shopper] of [
    [demoShop, demoShopper],
    [classicShop, classicShopper],
  ] as const) {
    await signIn(customer, shopper.email, shopper.password, shop);
    await expect(customer).toHaveURL(/\/account$/);
  }

  const guestContext = await newContext(browser, clientAddress);
  const guest = await guestContext.newPage();
  const resetLinks = {
    demo: await openResetLink(guest, demoShop, demoShopper.email),
    classic: await openResetLink(guest, classicShop, classicShopper.email),
  };

  const [{ id: staffId }] = await sql`select id from staff_users where lower(email) = lower(${staff.email})`;
  const [{ id: notificationId }] = await sql`select id from email_outbox where recipient = ${contactEmail} order by created_at limit 1`;
  const states = {
    guest: await guestContext.storageState(),
    customer: await customerContext.storageState(),
    staff: await staffContext.storageState(),
    agent: await agentContext.storageState(),
  };
  for (const context of [staffContext, agentContext, customerContext, guestContext]) await context.close();
  return { contactId, staffId, notificationId, setPasswordLink, resetLinks, states, clientAddress };
}

/**
 * Waits until React took over the page (client validation, selects set by React). Not "networkidle": Next.js
 * prefetches the links in view, which keeps the network busy for seconds on a loaded machine.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
}

/**
 * `prepareSite` once per run and database: the first worker to ask prepares it (holding a lock file), the others
 * (e2e/accessibility.spec.ts runs on every worker, as does a worker Playwright starts after a failed test) wait for
 * what it wrote and read it.
 */
export async function preparedSite(browser: Browser, sql: Sql): Promise<Site> {
  const name = new URL(process.env.E2E_DATABASE_URL!).pathname.slice(1);
  const file = path.join("test-results", `site-${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  if (takeLock(`${file}.lock`)) {
    try {
      const site = await prepareSite(browser, sql);
      writeFileSync(`${file}.partial`, JSON.stringify(site));
      renameSync(`${file}.partial`, file);
      return site;
    } catch (error) {
      rmSync(`${file}.lock`, { force: true });
      throw error;
    }
  }
  for (const deadline = Date.now() + 300_000; !existsSync(file); ) {
    if (Date.now() > deadline || !existsSync(`${file}.lock`)) throw new Error(`The site was not prepared (${file})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return JSON.parse(readFileSync(file, "utf8")) as Site;
}

/** Creates the file unless it exists: true for the one caller that created it. */
function takeLock(file: string): boolean {
  try {
    closeSync(openSync(file, "wx"));
    return true;
  } catch {
    return false;
  }
}

/**
 * One page per visitor, reused from page to page (its cache keeps the app's scripts, which makes a visit cheap);
 * `close` ends them all.
 */
export function visitorPages(browser: Browser, site: Site) {
  const pages = new Map<Visitor, Promise<Page>>();
  return {
    async open(sitePage: SitePage, width: Width): Promise<Page> {
      if (!pages.has(sitePage.visitor)) {
        pages.set(
          sitePage.visitor,
          browser
            .newContext({ storageState: site.states[sitePage.visitor], extraHTTPHeaders: { "x-forwarded-for": site.clientAddress } })
            .then((context) => context.newPage()),
        );
      }
      const page = await pages.get(sitePage.visitor)!;
      await page.setViewportSize({ width, height: 900 });
      await page.goto(sitePage.url(site));
      await waitForHydration(page);
      await sitePage.prepare?.(page);
      return page;
    },
    async close(): Promise<void> {
      for (const page of pages.values()) await (await page).context().close();
      pages.clear();
    },
  };
}
