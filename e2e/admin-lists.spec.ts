import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { activeShopper, confirmAction, expect, expectAccessible, newShopper, newStaff as createStaff, register, signIn, test, uniqueEmail, untilFiltersLive } from "./fixtures";
import { createContact } from "./pages";


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
  const byName = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true });
  const ascending = await firstNames();
  expect(ascending).toEqual([...ascending].sort(byName));
  await page.getByRole("columnheader", { name: /^Name/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "descending");
  // Other tests add users meanwhile, and a page holds 25: the new order is descending and starts with this user,
  // whose name sorts after every other one.
  const descending = await firstNames();
  expect(descending).toEqual([...descending].sort(byName).reverse());
  expect(descending[0]).toBe(name);
  expect(ascending[0]).not.toBe(name);
  // The signed-in user's own row: a status in words as a badge.
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByRole("cell").last()).toHaveText("Active");
});

test("An unknown filter value is shown as such and the list shows all", async ({ browser, clientAddress }) => {
  const { page } = await newStaff(browser, clientAddress, ALL_ROLES);
  await page.goto("/admin/contacts?status=bogus");
  await expect(page.getByText("Unknown status “bogus” — showing all.")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByLabel("Status").locator("option")).toHaveText(["Any status", "Pending activation", "Active", "Deactivated"]);
  await page.goto("/admin/activity?action=no.such-action&within=fortnight");
  await expect(page.getByText("Unknown action “no.such-action” — showing all.")).toBeVisible();
  await expect(page.getByText("Unknown period “fortnight” — showing all.")).toBeVisible();
  await expect(page.getByLabel("When")).toHaveValue("");
  await expect(bodyRows(page).first()).toBeVisible();
  // A known value is no problem.
  await page.goto("/admin/contacts?status=pending");
  await expect(page.getByText(/Unknown status/)).toHaveCount(0);
  await expect(page.getByLabel("Status")).toHaveValue("pending");
  // The contacts' age and sign-in filters, and the business users' status, likewise.
  await page.goto("/admin/contacts?created=yesterday&signin=maybe");
  await expect(page.getByText("Unknown creation date “yesterday” — showing all.")).toBeVisible();
  await expect(page.getByText("Unknown sign-in “maybe” — showing all.")).toBeVisible();
  await expect(page.getByLabel("Created", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Sign-in", { exact: true })).toHaveValue("");
  await page.goto("/admin/users?status=superuser");
  await expect(page.getByText("Unknown status “superuser” — showing all.")).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByLabel("Status").locator("option")).toHaveText(["Any status", "Active", "Active (temporary password)", "Deactivated"]);
  await expect(bodyRows(page).first()).toBeVisible();
});

/** The text of each listed row's last cell (the status column of Contacts and Business users). */
const lastCells = (page: Page) => bodyRows(page).evaluateAll((rows) => rows.map((row) => row.querySelector("td:last-child")?.textContent ?? ""));

test("Each dashboard count leads to its list, filtered to what it counts and showing the records it counts", async ({
  browser,
  clientAddress,
  page: shopperPage,
  sql,
}) => {
  test.slow();
  const tag = randomBytes(3).toString("hex");
  const { page } = await newStaff(browser, clientAddress, ALL_ROLES, `Dashboard Reader ${tag}`);

  // A contact waiting for activation for more than a day (made through New contact, then a day older), and one
  // made just now whose sign-in is limited after six wrong passwords.
  const waiting = uniqueEmail("waiting");
  const waitingId = await createContact(page, { email: waiting, firstName: "Wanda", lastName: "Waiting" });
  await sql`update customers set created_at = now() - interval '25 hours' where id = ${waitingId}`;
  const limited = uniqueEmail("limited");
  await createContact(page, { email: limited, firstName: "Lim", lastName: "Ited" });
  const refusal = shopperPage.getByRole("main").getByRole("alert");
  for (let attempt = 0; attempt < 8; attempt += 1) {
    await signIn(shopperPage, limited, `Wrong-guess-${attempt}-2026`);
    await expect(refusal).toBeVisible();
    if ((await refusal.textContent())?.startsWith("Too many")) break;
  }
  await expect(refusal).toContainText("Too many unsuccessful attempts");
  // A deactivated contact.
  const deactivated = uniqueEmail("deactivated");
  await createContact(page, { email: deactivated, firstName: "Dee", lastName: "Activated" });
  await confirmAction(page, "Deactivate");
  await expect(page.getByText(`${deactivated} has been deactivated`)).toBeVisible();
  // A customer who signed in today.
  const shopper = await activeShopper(shopperPage, "signed-in-today");
  await signIn(shopperPage, shopper.email, shopper.password);
  await expect(shopperPage).toHaveURL(/\/account$/);
  // Two business users from New user: one keeps the temporary password it was given, one is deactivated.
  const newUser = async (label: string) => {
    const email = uniqueEmail(label);
    await page.goto("/admin/users/new");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill(`Aa ${label} ${tag}`);
    await page.getByLabel("Customer service").check();
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText("The user has been created")).toBeVisible();
    return email;
  };
  const temporary = await newUser("temporary");
  const gone = await newUser("gone");
  await confirmAction(page, "Deactivate");
  await expect(page.getByText(`${gone} has been deactivated`)).toBeVisible();

  /** Follows the tile from /admin to its list and checks the list's filter (its select and chosen option). */
  const follow = async (tile: RegExp, url: RegExp, filters: [label: string, value: string, option: string][]) => {
    await page.goto("/admin");
    await page.getByRole("link", { name: tile }).click();
    await expect(page).toHaveURL(url);
    for (const [label, value, option] of filters) {
      const select = page.getByLabel(label, { exact: true });
      await expect(select).toHaveValue(value);
      await expect(select.locator("option:checked")).toHaveText(option);
    }
    await expect(bodyRows(page).first()).toBeVisible();
  };
  const listed = (email: string) => page.getByRole("cell", { name: email, exact: true });

  await follow(/^\d+ accounts? waiting for activation for more than a day$/, /\/admin\/contacts\?status=pending&created=over-a-day$/, [
    ["Status", "pending", "Pending activation"],
    ["Created", "over-a-day", "More than a day ago"],
  ]);
  await expect(listed(waiting)).toBeVisible();
  await expect(listed(limited)).toHaveCount(0);
  expect((await lastCells(page)).filter((status) => !status.startsWith("Pending activation"))).toEqual([]);

  await follow(/^\d+ accounts? with sign-in limited now/, /\/admin\/contacts\?signin=limited$/, [["Sign-in", "limited", "Limited now (too many failed attempts)"]]);
  await expect(listed(limited)).toBeVisible();
  await expect(listed(waiting)).toHaveCount(0);

  await follow(/^\d+ deactivated accounts?$/, /\/admin\/contacts\?status=disabled$/, [["Status", "disabled", "Deactivated"]]);
  await expect(listed(deactivated)).toBeVisible();
  expect((await lastCells(page)).filter((status) => status !== "Deactivated")).toEqual([]);

  await follow(/^\d+ sign-ins? in the last 24 hours$/, /\/admin\/activity\?action=customer\.signed-in&within=day$/, [
    ["Action", "customer.signed-in", "Signed in"],
    ["When", "day", "Last 24 hours"],
  ]);
  await expect(bodyRows(page).filter({ hasText: shopper.email }).first()).toBeVisible();
  const actions = await bodyRows(page).evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[1]?.textContent ?? ""));
  expect(actions.filter((action) => action !== "Signed in customer.signed-in")).toEqual([]);

  for (const [tile, status, word] of [
    [/^\d+ failed e-mails?$/, "failed", "Failed"],
    [/^\d+ suppressed address(es)?$/, "suppressed", "Suppressed"],
  ] as const) {
    // No e-mail of this test fails or is suppressed (that takes the sink's faults or a webhook: other specs' work),
    // so the list may be empty; whatever it lists has that status.
    await page.goto("/admin");
    await page.getByRole("link", { name: tile }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/notifications\\?status=${status}$`));
    await expect(page.getByLabel("Status")).toHaveValue(status);
    await expect(page.getByRole("status").filter({ hasText: /e-mails?$/ })).toBeVisible();
    const statuses = await bodyRows(page).evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[3]?.textContent ?? ""));
    expect(statuses.filter((text) => !text.startsWith(word))).toEqual([]);
  }

  await follow(/^\d+ users? with a temporary password$/, /\/admin\/users\?status=temporary$/, [["Status", "temporary", "Active (temporary password)"]]);
  await expect(listed(temporary)).toBeVisible();
  await expect(listed(gone)).toHaveCount(0);
  expect((await lastCells(page)).filter((status) => status !== "Active (temporary password)")).toEqual([]);

  await follow(/^\d+ deactivated users?$/, /\/admin\/users\?status=disabled$/, [["Status", "disabled", "Deactivated"]]);
  await expect(listed(gone)).toBeVisible();
  await expect(listed(temporary)).toHaveCount(0);
  expect((await lastCells(page)).filter((status) => status !== "Deactivated")).toEqual([]);
  await expectAccessible(page);
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

  test("Business users filter by status as it is chosen, keeping the sort; sort links and pages keep the filter", async ({ browser, clientAddress }) => {
    const { page, email } = await newStaff(browser, clientAddress, ["user_manager"]);
    await page.goto("/admin/users?sort=email&dir=desc");
    await expect(page.getByRole("button", { name: "Apply" })).toBeHidden(); // React runs: the filter applies itself
    await page.getByLabel("Status").selectOption("active");
    await expect(page).toHaveURL(/\/admin\/users\?sort=email&dir=desc&status=active$/);
    await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
    expect((await lastCells(page)).filter((status) => status !== "Active")).toEqual([]);
    await expect(page.getByRole("columnheader", { name: /^Name/ }).getByRole("link")).toHaveAttribute("href", "/admin/users?status=active&sort=name&dir=asc");
    await page.getByRole("columnheader", { name: /^Email/ }).getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/users\?status=active&sort=email&dir=asc$/);
    await expect(page.getByLabel("Status")).toHaveValue("active");
    await page.getByLabel("Status").selectOption("disabled");
    await expect(page).toHaveURL(/\/admin\/users\?sort=email&dir=asc&status=disabled$/);
    await expect(page.getByRole("cell", { name: email, exact: true })).toHaveCount(0);
    const next = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next page" });
    if (await next.count()) await expect(next).toHaveAttribute("href", /status=disabled/);
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
    await page.goto("/admin/users?sort=email&dir=desc");
    await page.getByLabel("Status").selectOption("active");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/admin\/users\?sort=email&dir=desc&status=active$/);
    expect((await lastCells(page)).filter((status) => status !== "Active")).toEqual([]);
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
