import type { Browser, Page } from "@playwright/test";
import { activeShopper, adminSignIn, expect, expectAccessible, passwordIn, signIn as customerSignIn, test, uniqueEmail, confirmAction, untilFiltersLive } from "./fixtures";
import { waitForEmail } from "./sink";

const ADMIN = "admin@example.com";

async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

/** Signs in with a temporary password, is forced to choose a new one, and lands on the back office. */
async function firstSignIn(page: Page, email: string, temporary: string, chosen: string): Promise<void> {
  await adminSignIn(page, email, temporary);
  await expect(page).toHaveURL(/\/admin\/change-password$/);
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/admin\/change-password$/);
  await changePassword(page, temporary, chosen);
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
}

async function createUser(page: Page, email: string, name: string, roles: string[]): Promise<string> {
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "New user" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill(name);
  for (const role of roles) await page.getByLabel(role).check();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("The user has been created")).toBeVisible();
  const [mail] = await waitForEmail({ to: email, tag: "business-user-account-created" });
  return passwordIn(mail.text);
}

async function newPage(browser: Browser, clientAddress: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  return context.newPage();
}

test.describe.serial("the back office", () => {
  const adminPassword = "Admin#Chosen2026";
  const agent = { email: uniqueEmail("agent"), password: "Agent#Chosen2026" };
  const manager = { email: uniqueEmail("manager"), password: "Manager#Chosen2026" };

  test("bootstrap user → forced change → creates users → each is forced to change → reset ends a session → role walls", async ({
    page,
    browser,
    sql,
    clientAddress,
  }) => {
    const [welcome] = await waitForEmail({ to: ADMIN, tag: "business-user-account-created" });
    const bootstrap = passwordIn(welcome.text);
    expect(bootstrap).toMatch(/(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])/);
    await page.goto("/admin/login");
    await expect(page.getByText("Ask a user manager to reset it")).toBeVisible();
    await expectAccessible(page);

    await adminSignIn(page, ADMIN, "Not-the-password-1");
    await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("The e-mail or password is incorrect.");
    await adminSignIn(page, ADMIN, bootstrap);
    await expect(page).toHaveURL(/\/admin\/change-password$/);
    await changePassword(page, bootstrap, "tooweak");
    await expect(page.getByText("Use at least 8 characters.", { exact: false }).first()).toBeVisible();
    await changePassword(page, bootstrap, bootstrap);
    await expect(page.getByText(/different from your current one|too common|at least/).first()).toBeVisible();
    await changePassword(page, bootstrap, adminPassword);
    await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("User manager");
    await expectAccessible(page);

    const agentTemporary = await createUser(page, agent.email, "Agent Smith", ["Customer service"]);
    await expectAccessible(page);
    const managerTemporary = await createUser(page, manager.email, "Mia Manager", ["User manager", "Customer service"]);

    const agentPage = await newPage(browser, clientAddress);
    await firstSignIn(agentPage, agent.email, agentTemporary, agent.password);
    await expect(agentPage.getByRole("navigation", { name: "Back office" })).not.toContainText("Business users");
    await expect(agentPage.getByRole("navigation", { name: "Back office" })).toContainText("Office › Contacts");
    const forbidden = await agentPage.goto("/admin/users");
    expect(forbidden?.status()).toBe(403);
    await expect(agentPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

    const managerPage = await newPage(browser, clientAddress);
    await firstSignIn(managerPage, manager.email, managerTemporary, manager.password);

    // A forged POST of the create-user form by the customer-service agent is refused and changes nothing.
    const form = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    const formPage = await form.newPage();
    await formPage.context().addCookies(await managerPage.context().cookies());
    await formPage.goto("/admin/users/new");
    const createForm = formPage.locator("form", { has: formPage.getByRole("button", { name: "Create user" }) });
    const hidden = await createForm.locator("input[type=hidden]").evaluateAll((inputs) =>
      (inputs as HTMLInputElement[]).map((input) => [input.name, input.value]),
    );
    await form.close();
    const replay = (as: Page, email: string) =>
      as.request.post("/admin/users/new", {
        multipart: { ...Object.fromEntries(hidden), email, name: "Forged", roles: "customer_service" },
        headers: { origin: new URL(as.url()).origin },
        maxRedirects: 0,
      });
    const countOf = async (email: string) => (await sql`select count(*)::int as n from staff_users where email = ${email}`)[0].n;
    const forged = uniqueEmail("forged");
    const refused = await replay(agentPage, forged);
    // Next.js answers an access error inside a no-JavaScript action with its not-found page.
    expect([403, 404]).toContain(refused.status());
    expect(await countOf(forged)).toBe(0);
    const [logged] = await sql`select count(*)::int as n from activity_log a join staff_users s on s.id = a.actor_id
      where a.action = 'staff.forbidden' and s.email = ${agent.email}`;
    expect(logged.n).toBeGreaterThanOrEqual(2);
    // The same replay by the user manager does create a user: the refusal above was the role wall.
    const allowed = uniqueEmail("replayed");
    expect((await replay(managerPage, allowed)).status()).toBe(303);
    expect(await countOf(allowed)).toBe(1);

    // The manager resets the agent's password: the agent's open session ends.
    await managerPage.goto("/admin/users");
    await managerPage.getByRole("link", { name: "Agent Smith" }).click();
    await confirmAction(managerPage, "Reset password");
    await expect(managerPage.getByText("A new temporary password has been e-mailed")).toBeVisible();
    await agentPage.goto("/admin");
    await expect(agentPage).toHaveURL(/\/admin\/login$/);
    const [reset] = await waitForEmail({ to: agent.email, tag: "business-user-password-reset" });
    agent.password = "Agent#Second2026";
    await firstSignIn(agentPage, agent.email, passwordIn(reset.text), agent.password);
    await agentPage.context().close();
    await managerPage.context().close();
  });

  test("deactivation signs a user out; the last user manager stays; customers never reach /admin", async ({ page, browser, clientAddress, sql }) => {
    await adminSignIn(page, ADMIN, adminPassword);
    const agentPage = await newPage(browser, clientAddress);
    await adminSignIn(agentPage, agent.email, agent.password);
    await expect(agentPage.getByRole("heading", { name: /^Welcome/ })).toBeVisible();

    await page.goto("/admin/users");
    await page.getByRole("link", { name: "Agent Smith" }).click();
    await confirmAction(page, "Deactivate");
    await expect(page.getByText("deactivated and signed out")).toBeVisible();
    await agentPage.goto("/admin");
    await expect(agentPage).toHaveURL(/\/admin\/login$/);
    await adminSignIn(agentPage, agent.email, agent.password);
    await expect(agentPage.getByRole("alert").filter({ hasText: "incorrect" })).toBeVisible();
    await page.reload();
    await page.getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByText("has been reactivated")).toBeVisible();
    await adminSignIn(agentPage, agent.email, agent.password);
    await expect(agentPage.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    await agentPage.context().close();

    // Mia and the admin are the user managers: taking the role from both is refused at the second. The suite shares
    // one database, so the user managers other specs created (e2e/pages.ts's all-roles staff, …) are deactivated first.
    await sql`update staff_users set status = 'disabled'
      where status = 'active' and 'user_manager' = any(roles) and email not in (${ADMIN}, ${manager.email})`;
    await page.goto("/admin/users");
    await page.getByRole("link", { name: "Mia Manager" }).click();
    await page.getByLabel("User manager").uncheck();
    await page.getByLabel("Customer service").check();
    await page.getByRole("button", { name: "Save roles" }).click();
    await expect(page.getByText("Roles saved.")).toBeVisible();
    await page.goto("/admin/users");
    await page.getByRole("link", { name: "Administrator" }).click();
    await confirmAction(page, "Deactivate");
    await expect(page.getByText("This is the last active user manager")).toBeVisible();

    // A shopper's session cookie, under either name, opens nothing in /admin.
    const shopperPage = await newPage(browser, clientAddress);
    const shopper = await activeShopper(shopperPage, "not-staff");
    await customerSignIn(shopperPage, shopper.email, shopper.password);
    await expect(shopperPage).toHaveURL(/\/account$/);
    const [customerCookie] = (await shopperPage.context().cookies()).filter((cookie) => cookie.name === "shop.session");
    await shopperPage.context().addCookies([{ ...customerCookie, name: "admin.session", path: "/admin" }]);
    await shopperPage.goto("/admin");
    await expect(shopperPage).toHaveURL(/\/admin\/login$/);
    await adminSignIn(shopperPage, shopper.email, shopper.password);
    await expect(shopperPage.getByRole("alert").filter({ hasText: "incorrect" })).toBeVisible();
    await shopperPage.context().close();
  });

  test("settings refuse a hostile MANAGER_PASSWORD_REGEX; activity lists what happened, newest first", async ({ page }) => {
    await adminSignIn(page, ADMIN, adminPassword);
    await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Settings" }).click();
    // A client-side navigation: the new page, its title included, is there only once the URL and the title say so.
    await expect(page).toHaveURL(/\/admin\/settings$/);
    await expect(page).toHaveTitle(/Settings/);
    await expectAccessible(page);
    const field = page.getByLabel("MANAGER_PASSWORD_REGEX");
    await field.fill("(a+)+$");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(/too long to check some passwords/)).toBeVisible();
    await field.fill("^[a-z]+$");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(/Generated passwords .* cannot satisfy this pattern/)).toBeVisible();
    await field.fill("(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{10,}");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();

    await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Activity" }).click();
    const rows = page.getByRole("row");
    await expect(rows.nth(1)).toContainText("System preferences changed settings.changed");
    // The list follows the filters as they change (no button with JavaScript): wait until no other action is listed.
    await untilFiltersLive(page);
    await page.getByLabel("Action").selectOption("staff.password-reset");
    await expect(rows.filter({ hasText: "settings.changed" })).toHaveCount(0);
    await expect(page.getByRole("cell", { name: agent.email }).first()).toBeVisible();
    await page.getByLabel("Action").selectOption("");
    await page.getByLabel("Person (e-mail)").fill(manager.email);
    await expect(page).toHaveURL(/person=/);
    await expect(page.getByRole("cell", { name: "Password changed staff.password-changed" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: /customer\.registered/ })).toHaveCount(0);
    await expectAccessible(page);
  });
});
