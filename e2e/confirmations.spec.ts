import type { Browser, Page } from "@playwright/test";
import type postgres from "postgres";
import { activeShopper, expect, expectAccessible, newStaff, signIn, test } from "./fixtures";
import { sinkEmails, waitForEmail } from "./sink";

/**
 * Issue 13: destructive or customer-visible actions ask first — in an accessible dialog with JavaScript (focus kept
 * inside, Escape and Cancel change nothing), on a confirmation page without (a GET changes nothing, its POST does
 * the work). A deactivated customer with the right password is told to contact the shop. The dashboard on /admin.
 */

type Sql = ReturnType<typeof postgres>;

const statusOf = async (sql: Sql, email: string): Promise<string> => (await sql`select status from customers where email = ${email}`)[0].status;

/** A shopper with an active account (made in a browser with JavaScript) and an agent on that shopper's contact page. */
async function agentOnContact(browser: Browser, clientAddress: string, label: string, javaScriptEnabled: boolean) {
  const shopperContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const shopperPage = await shopperContext.newPage();
  const shopper = await activeShopper(shopperPage, label);
  const agentContext = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const { page: agent } = await newStaff(browser, clientAddress, ["customer_service"], `Confirming Agent ${label}`, agentContext);
  await agent.goto(`/admin/contacts?q=${encodeURIComponent(shopper.email)}`);
  await agent.getByRole("link", { name: shopper.email }).click();
  await expect(agent.getByRole("heading", { name: "Actions" })).toBeVisible();
  return { shopper, shopperPage, agent, contactUrl: new URL(agent.url()).pathname };
}

const deactivatedCount = async (agent: Page): Promise<number> => {
  await agent.goto("/admin");
  const link = agent.getByRole("link", { name: /^\d+ deactivated accounts?$/ });
  return Number((await link.textContent())?.match(/^\d+/)?.[0]);
};

test.describe("with JavaScript", () => {
  test("the dialog asks first: Escape and Cancel change nothing, Confirm sends the reset and deactivates; the dashboard counts it", async ({
    browser,
    clientAddress,
    sql,
  }) => {
    test.slow();
    const { shopper, shopperPage, agent, contactUrl } = await agentOnContact(browser, clientAddress, "dialog", true);
    const before = await deactivatedCount(agent);
    await agent.goto(contactUrl);

    // Send password reset: the dialog says what will happen to whom; Escape closes it and sends nothing.
    const reset = agent.getByRole("button", { name: "Send password reset" });
    await reset.click();
    const dialog = agent.getByRole("dialog", { name: `Send a password reset to ${shopper.email}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("They will be e-mailed a link to choose a new password.");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    for (let i = 0; i < 4; i += 1) {
      await agent.keyboard.press("Tab");
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }
    await expectAccessible(agent);
    await agent.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(reset).toBeFocused();
    await reset.click();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await agent.waitForTimeout(500);
    expect(await sinkEmails({ to: shopper.email, tag: "storefront-password-reset" })).toHaveLength(0);

    await reset.click();
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog).toBeHidden();
    await expect(agent.getByText(`A password reset link was e-mailed to ${shopper.email}.`)).toBeVisible();
    await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });
    expect(await sinkEmails({ to: shopper.email, tag: "storefront-password-reset" })).toHaveLength(1);

    // Deactivate, at 390 px: the dialog fits; Escape changes nothing; Confirm deactivates.
    await agent.setViewportSize({ width: 390, height: 800 });
    const deactivate = agent.getByRole("button", { name: "Deactivate" });
    await deactivate.click();
    const question = agent.getByRole("dialog", { name: `Deactivate ${shopper.email}?` });
    await expect(question).toContainText("They will be signed out and cannot sign in until reactivated.");
    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await agent.keyboard.press("Escape");
    await expect(question).toBeHidden();
    expect(await statusOf(sql, shopper.email)).toBe("active");
    await deactivate.click();
    await question.getByRole("button", { name: "Confirm" }).click();
    await expect(agent.getByText(`${shopper.email} has been deactivated and its sessions ended.`)).toBeVisible();
    expect(await statusOf(sql, shopper.email)).toBe("disabled");
    await expect(agent.getByRole("button", { name: "Reactivate" })).toBeVisible();

    // The dashboard counts one more deactivated account and leads to the filtered list, which shows this one.
    expect(await deactivatedCount(agent)).toBe(before + 1);
    await agent.getByRole("link", { name: /^\d+ deactivated accounts?$/ }).click();
    await expect(agent).toHaveURL(/\/admin\/contacts\?status=disabled$/);
    await expect(agent.getByLabel("Status")).toHaveValue("disabled");
    await expect(agent.getByRole("link", { name: shopper.email })).toBeVisible();
    await agent.goto("/admin");
    await agent.getByRole("link", { name: /^\d+ failed e-mails?$/ }).click();
    await expect(agent).toHaveURL(/\/admin\/notifications\?status=failed$/);
    await expect(agent.getByLabel("Status")).toHaveValue("failed");

    await shopperPage.context().close();
    await agent.context().close();
  });

  test("My account: Sign out everywhere else asks first; Escape keeps the other browser signed in, Confirm signs it out", async ({
    browser,
    page,
    clientAddress,
  }) => {
    const shopper = await activeShopper(page, "devices-dialog");
    await signIn(page, shopper.email, shopper.password);
    await expect(page).toHaveURL(/\/account$/);
    const there = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    const other = await there.newPage();
    await signIn(other, shopper.email, shopper.password);
    await expect(other).toHaveURL(/\/account$/);

    await page.reload();
    const button = page.getByRole("button", { name: "Sign out everywhere else" });
    await button.click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere else?" });
    await expect(dialog).toContainText("Every other browser where you are signed in will be signed out.");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await other.reload();
    await expect(other).toHaveURL(/\/account$/);

    await button.click();
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Signed out 1 other device.");
    await other.reload();
    await expect(other).toHaveURL(/\/login\?next=/);
    await there.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the button is a link to a confirmation page: a GET and Cancel change nothing, Confirm resets and deactivates", async ({ browser, clientAddress, sql }) => {
    test.slow();
    const { shopper, shopperPage, agent, contactUrl } = await agentOnContact(browser, clientAddress, "nojs", false);

    await agent.getByRole("link", { name: "Send password reset" }).click();
    await expect(agent).toHaveURL(new RegExp(`${contactUrl}/confirm/send-password-reset$`));
    await expect(agent.getByRole("heading", { level: 1 })).toHaveText(`Send a password reset to ${shopper.email}?`);
    await expect(agent.getByText("They will be e-mailed a link to choose a new password.")).toBeVisible();
    await agent.getByRole("link", { name: "Cancel" }).click();
    await expect(agent).toHaveURL(new RegExp(`${contactUrl}$`));
    expect(await sinkEmails({ to: shopper.email, tag: "storefront-password-reset" })).toHaveLength(0);

    await agent.getByRole("link", { name: "Send password reset" }).click();
    await agent.getByRole("button", { name: "Confirm" }).click();
    await expect(agent.getByRole("main").getByRole("status")).toHaveText(`A password reset link was e-mailed to ${shopper.email}.`);
    await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });

    // Deactivate: the page asks; only its POST deactivates.
    await agent.goto(contactUrl);
    await agent.getByRole("link", { name: "Deactivate" }).click();
    await expect(agent).toHaveURL(new RegExp(`${contactUrl}/confirm/deactivate$`));
    await expect(agent.getByRole("heading", { level: 1 })).toHaveText(`Deactivate ${shopper.email}?`);
    await agent.reload();
    expect(await statusOf(sql, shopper.email)).toBe("active");
    await agent.getByRole("button", { name: "Confirm" }).click();
    await expect(agent.getByRole("main").getByRole("status")).toHaveText(`${shopper.email} has been deactivated and its sessions ended.`);
    expect(await statusOf(sql, shopper.email)).toBe("disabled");
    await agent.getByRole("link", { name: "Back", exact: true }).click();
    await expect(agent.getByRole("button", { name: "Reactivate" })).toBeVisible();

    // The deactivated customer: a wrong password gets the usual answer, the right one is told to contact the shop.
    await signIn(shopperPage, shopper.email, "Wrong-guess-2026");
    await expect(shopperPage.getByRole("main").getByRole("alert")).toHaveText("The e-mail or password is incorrect.");
    await signIn(shopperPage, shopper.email, shopper.password);
    await expect(shopperPage.getByRole("main").getByRole("alert")).toHaveText(
      "This account has been deactivated. Please contact Demo Shop if you think this is a mistake.",
    );
    await expect(shopperPage).toHaveURL(/\/login/);

    // Confirmation pages of unknown actions or contacts do not exist.
    expect((await agent.request.get(`${contactUrl}/confirm/delete-everything`)).status()).toBe(404);
    expect((await agent.request.get("/admin/contacts/00000000-0000-0000-0000-000000000000/confirm/deactivate")).status()).toBe(404);
    await shopperPage.context().close();
    await agent.context().close();
  });

  test("Sign out everywhere else: the link's page asks, and its Confirm signs the other browser out", async ({ browser, page, clientAddress }) => {
    const withScript = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    const other = await withScript.newPage();
    const shopper = await activeShopper(other, "devices-nojs");
    await signIn(other, shopper.email, shopper.password);
    await expect(other).toHaveURL(/\/account$/);
    await signIn(page, shopper.email, shopper.password);
    await expect(page).toHaveURL(/\/account$/);

    await page.getByRole("link", { name: "Sign out everywhere else" }).click();
    await expect(page).toHaveURL(/\/account\/confirm\/sign-out-elsewhere$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign out everywhere else?");
    await page.getByRole("link", { name: "Cancel" }).click();
    await other.reload();
    await expect(other).toHaveURL(/\/account$/);

    await page.getByRole("link", { name: "Sign out everywhere else" }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Signed out 1 other device.");
    await other.reload();
    await expect(other).toHaveURL(/\/login\?next=/);
    await withScript.close();
  });
});
