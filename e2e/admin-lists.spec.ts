import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { activeShopper, confirmAction, expect, expectAccessible, newShopper, newStaff as createStaff, register, signIn, test, untilFiltersLive } from "./fixtures";

// Each test creates its business users with the real CLI and signs them in: slower than the default minute on a busy machine.
test.describe.configure({ timeout: 240_000 });

/**
 * The business users this file creates, deactivated when it ends: the suite shares one database, and admin.spec.ts
 * (which runs after this file) proves that the last active user manager cannot be deactivated.
 */
const created: string[] = [];

async function newStaff(browser: Browser, clientAddress: string, roles: string[], name?: string, context?: BrowserContext) {
  const staff = await createStaff(browser, clientAddress, roles, name, context);
  created.push(staff.email);
  return staff;
}

test.afterAll(async ({ sql }) => {
  if (created.length) await sql`update staff_users set status = 'disabled' where email in ${sql(created)}`;
});

const ALL_ROLES = ["customer_service", "user_manager", "shop_admin"];

type Sql = Parameters<Parameters<typeof test>[2]>[0]["sql"];

/**
 * `count` failed storefront sign-ins concerning `tag`-NN@example.com, one second apart: test data for paging and
 * sorting (the log's rows as sign-in writes them; no flow is faked, only the volume).
 */
async function seedActivity(sql: Sql, tag: string, count: number): Promise<void> {
  const base = Date.parse("2026-06-01T08:00:00Z");
  for (let index = 0; index < count; index += 1) {
    const email = `${tag}-${String(index).padStart(2, "0")}@example.com`;
    await sql`insert into activity_log (at, action, actor_type, email, ip)
      values (${new Date(base + index * 1000)}, 'customer.sign-in-failed', 'anonymous', ${email}, '198.51.100.7')`;
  }
}

const bodyRows = (page: Page) => page.getByRole("row").filter({ hasNot: page.getByRole("columnheader") });

test("Activity pages through more entries than a page, sorts by time and names actions in words", async ({ browser, clientAddress, sql }) => {
  const tag = `pages${randomBytes(3).toString("hex")}`;
  await seedActivity(sql, tag, 55);
  const { page } = await newStaff(browser, clientAddress, ["user_manager"]);

  await page.goto(`/admin/activity?person=${tag}`);
  const time = page.getByRole("columnheader", { name: /Time/ });
  await expect(time).toHaveAttribute("aria-sort", "descending");
  await expect(bodyRows(page)).toHaveCount(50);
  await expect(bodyRows(page).first()).toContainText(`${tag}-54@example.com`);
  // The action in words, its code as secondary text.
  await expect(bodyRows(page).first().getByRole("cell").nth(1)).toHaveText("Sign-in failed customer.sign-in-failed");
  await expect(page.getByRole("link", { name: "First page" })).toHaveCount(0);

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next page" }).click();
  await expect(bodyRows(page)).toHaveCount(5);
  await expect(bodyRows(page).first()).toContainText(`${tag}-04@example.com`);
  await expect(bodyRows(page).last()).toContainText(`${tag}-00@example.com`);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await page.getByRole("link", { name: "First page" }).click();
  await expect(bodyRows(page)).toHaveCount(50);

  // A GET link in the header turns the order round, filter kept.
  await page.getByRole("columnheader", { name: /Time/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=time/);
  await expect(page.getByRole("columnheader", { name: /Time/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(bodyRows(page).first()).toContainText(`${tag}-00@example.com`);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(bodyRows(page).first()).toContainText(`${tag}-50@example.com`);
  await expectAccessible(page);
});

test("Business users sort by a column through GET links with aria-sort, and show statuses as badges", async ({ browser, clientAddress }) => {
  const { page, name } = await newStaff(browser, clientAddress, ["user_manager"], `Zed Sorter ${randomBytes(2).toString("hex")}`);
  await page.goto("/admin/users");
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("columnheader", { name: /^Email/ })).toHaveAttribute("aria-sort", "none");
  const firstNames = async () => bodyRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector("td")?.textContent ?? ""));
  const ascending = await firstNames();
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true })));
  await page.getByRole("columnheader", { name: /^Name/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "descending");
  expect(await firstNames()).toEqual([...ascending].reverse());
  // The signed-in user's own row: a status in words as a badge.
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByRole("cell").last()).toHaveText("Active");
});

test("An unknown filter value is shown as such and the list shows all", async ({ browser, clientAddress }) => {
  const { page } = await newStaff(browser, clientAddress, ALL_ROLES);
  await page.goto("/admin/contacts?status=bogus");
  await expect(page.getByText("Unknown status “bogus” — showing all.")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByLabel("Status").locator("option")).toHaveText(["Any status", "Pending activation", "Active", "Deactivated"]);
  await page.goto("/admin/activity?action=no.such-action");
  await expect(page.getByText("Unknown action “no.such-action” — showing all.")).toBeVisible();
  await expect(bodyRows(page).first()).toBeVisible();
  // A known value is no problem.
  await page.goto("/admin/contacts?status=pending");
  await expect(page.getByText(/Unknown status/)).toHaveCount(0);
  await expect(page.getByLabel("Status")).toHaveValue("pending");
});

test("Contacts list statuses in words, and an empty result says what to do", async ({ browser, clientAddress, page: shopperPage }) => {
  const shopper = newShopper("badge");
  await register(shopperPage, shopper);
  const { page } = await newStaff(browser, clientAddress, ["customer_service"]);
  await page.goto(`/admin/contacts?q=${encodeURIComponent(shopper.email)}`);
  const row = page.getByRole("row", { name: new RegExp(shopper.email) });
  await expect(row.getByRole("cell").last()).toHaveText("Pending activation");
  await expect(row.getByRole("cell").last().locator("[title]")).toHaveAttribute("title", "pending");
  await page.goto(`/admin/contacts?q=nobody-${randomBytes(4).toString("hex")}`);
  await expect(page.getByText("No contacts match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page).toHaveURL(/\/admin\/contacts$/);
});

test.describe("filters with JavaScript", () => {
  test("apply as the agent types and chooses, without pressing a button", async ({ browser, clientAddress, sql }) => {
    const tag = `live${randomBytes(3).toString("hex")}`;
    await seedActivity(sql, tag, 3);
    const { page } = await newStaff(browser, clientAddress, ["user_manager"]);
    await page.goto("/admin/activity");
    await untilFiltersLive(page);
    await page.getByLabel("Person (e-mail)").pressSequentially(tag, { delay: 20 });
    await expect(page).toHaveURL(new RegExp(`person=${tag}`));
    await expect(bodyRows(page)).toHaveCount(3);
    await page.getByLabel("Action").selectOption("customer.sign-in-failed");
    await expect(page).toHaveURL(/action=customer\.sign-in-failed/);
    await expect(page).toHaveURL(new RegExp(`person=${tag}`));
    await expect(bodyRows(page)).toHaveCount(3);
  });
});

test.describe("filters without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("apply with the form's button", async ({ browser, clientAddress, sql }) => {
    const tag = `nojs${randomBytes(3).toString("hex")}`;
    await seedActivity(sql, tag, 2);
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    const { page } = await newStaff(browser, clientAddress, ["user_manager"], undefined, context);
    await page.goto("/admin/activity");
    await page.getByLabel("Person (e-mail)").fill(tag);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`person=${tag}`));
    await expect(bodyRows(page)).toHaveCount(2);
    await context.close();
  });
});

test("A detail page shows one outcome at a time, naming whom it concerned", async ({ browser, clientAddress, page: shopperPage, sql }) => {
  const shopper = await activeShopper(shopperPage, "one-notice");
  const [{ id }] = await sql<{ id: string }[]>`select id from customers where email = ${shopper.email}`;
  const { page } = await newStaff(browser, clientAddress, ["customer_service"]);
  await page.goto(`/admin/contacts/${id}`);
  await confirmAction(page, "Deactivate");
  await expect(page.getByText(`${shopper.email} has been deactivated and its sessions ended.`)).toBeVisible();
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByText(`${shopper.email} has been reactivated.`)).toBeVisible();
  await confirmAction(page, "Send password reset");
  await expect(page.getByText(`A password reset link was e-mailed to ${shopper.email}.`)).toBeVisible();
  await expect(page.getByText("has been reactivated")).toHaveCount(0);
  await expect(page.getByText("has been deactivated")).toHaveCount(0);
  await expect(page.getByRole("main").locator('[role="status"]')).toHaveCount(1);
  // The page names the status and what was done in words, the codes beside them.
  await page.reload();
  await expect(page.getByRole("definition").filter({ hasText: /^Active$/ })).toBeVisible();
  await expect(page.getByText("Password reset by agent contact.password-reset")).toBeVisible();
});

test("The skip link is the first Tab stop on the storefront and in the back office, and the icon is served", async ({ browser, clientAddress, page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText("Skip to content");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#content$/);
  await expect(page.locator(":focus")).toHaveAttribute("id", "content");

  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const served = await page.request.get(icon!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toContain("image/svg+xml");

  const { page: admin } = await newStaff(browser, clientAddress, ["customer_service"]);
  await admin.goto("/admin/contacts");
  await admin.keyboard.press("Tab");
  await expect(admin.locator(":focus")).toHaveText("Skip to content");
  await admin.keyboard.press("Enter");
  await expect(admin.locator(":focus")).toHaveAttribute("id", "content");
});

test("The user menu opens from the keyboard and offers Change password and Sign out", async ({ browser, clientAddress }) => {
  const { page, name } = await newStaff(browser, clientAddress, ["customer_service"], "Menu Person");
  const summary = page.getByRole("banner").locator("summary");
  await expect(summary).toContainText(name);
  await expect(summary.locator("svg")).toBeVisible();
  await expect(page.getByRole("link", { name: "Change password" })).toBeHidden();
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Change password" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
});

const listPages = ["/admin", "/admin/contacts", "/admin/contacts/new", "/admin/notifications", "/admin/users", "/admin/activity", "/admin/settings", "/admin/settings/shops", "/admin/settings/attributes", "/admin/change-password"];

test("No back-office page and not My account scrolls sideways at 390 px", async ({ browser, clientAddress, sql }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const shopperPage = await context.newPage();
  const shopper = await activeShopper(shopperPage, "narrow-screen-with-a-long-address");
  const [{ id }] = await sql<{ id: string }[]>`select id from customers where email = ${shopper.email}`;
  const { page } = await newStaff(browser, clientAddress, ALL_ROLES, "Narrow Screen Person With A Long Name", context);
  const widths: Record<string, number> = {};
  for (const path of [...listPages, `/admin/contacts/${id}`]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
  }
  await signIn(shopperPage, shopper.email, shopper.password);
  await expect(shopperPage).toHaveURL(/\/account$/);
  widths["/account"] = await shopperPage.evaluate(() => document.documentElement.scrollWidth);
  expect(Object.entries(widths).filter(([, width]) => width > 390)).toEqual([]);
  await context.close();
});
