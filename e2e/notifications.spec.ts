import type { Page } from "@playwright/test";
import { activationEmail, expect, expectAccessible, linkTo, newShopper, newStaff, register, test, type Shopper, untilFiltersLive } from "./fixtures";
import { failNextSends, sinkEmails } from "./sink";

/** Finds the e-mails to `recipient` through the filter form, as an agent would. */
async function filterByRecipient(agent: Page, recipient: string, javaScriptEnabled = true): Promise<void> {
  await agent.goto("/admin/notifications");
  // With JavaScript the list follows the field as it is typed: the button goes once React runs, and there is none
  // to press. Without, the form has its button.
  if (javaScriptEnabled) await untilFiltersLive(agent);
  await agent.getByLabel("Recipient").fill(recipient);
  if (!javaScriptEnabled) await agent.getByRole("button", { name: "Apply" }).click();
  await expect(agent).toHaveURL(/recipient=/);
}

type Sql = Parameters<Parameters<typeof test>[2]>[0]["sql"];

/**
 * Registers a shopper whose activation the provider refuses outright (422 is not retried): it ends as failed with its
 * content kept. Nothing else may be due first, or the injected failure would hit another e-mail.
 */
async function registerWithFailedActivation(page: Page, sql: Sql, label: string): Promise<Shopper> {
  await expect.poll(async () => (await sql`select count(*)::int as due from email_outbox where status in ('queued', 'sending') and next_attempt_at <= now()`)[0].due).toBe(0);
  const shopper = newShopper(label);
  await failNextSends(422);
  await register(page, shopper);
  await expect.poll(async () => (await sql`select status from email_outbox where recipient = ${shopper.email}`)[0]?.status).toBe("failed");
  expect(await sinkEmails({ to: shopper.email })).toHaveLength(0);
  return shopper;
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test("customer service finds a registration's activation e-mail, filters by recipient and opens it without its link", async ({ browser, clientAddress, page, sql }) => {
  const shopper = newShopper("notified");
  await register(page, shopper);
  const link = linkTo(await activationEmail(shopper.email), "/activate/");
  const token = new URL(link).pathname.split("/").pop()!;

  const { page: agent } = await newStaff(browser, clientAddress, ["customer_service"]);
  await agent.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Notifications" }).click();
  await expect(agent.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(agent.getByRole("cell", { name: shopper.email })).toBeVisible();

  await filterByRecipient(agent, shopper.email.slice(0, 14));
  const rows = agent.getByRole("row").filter({ hasText: shopper.email });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Demo Shop");
  await expectAccessible(agent);
  await rows.getByRole("link", { name: "Storefront account activation" }).click();

  await expect(agent.getByRole("heading", { name: "Storefront account activation" })).toBeVisible();
  await expect(agent.getByRole("cell", { name: "link hidden" })).toBeVisible();
  await expect(agent.getByRole("cell", { name: "Sent", exact: true })).toBeVisible(); // the history's "sent", in words
  const html = await agent.content();
  expect(html).not.toContain(token);
  expect(html).not.toContain("/activate/");
  await expectAccessible(agent);

  // Bad filter values are shown with a message, not an error page.
  await agent.goto("/admin/notifications?status=lost&type=%3Cb%3E&shop=nowhere");
  await expect(agent.getByText('"lost" is not a status')).toBeVisible();
  await expect(agent.getByText('"<b>" is not a notification type')).toBeVisible();
  await expect(agent.getByText("That shop is not one of yours")).toBeVisible();

  // The contact's page links to its e-mails: the filtered list, and each e-mail's detail.
  const [contact] = await sql`select id from customers where email = ${shopper.email}`;
  await agent.goto(`/admin/contacts/${contact.id}`);
  await agent.getByRole("link", { name: "All e-mails to this address" }).click();
  await expect(agent.getByRole("row").filter({ hasText: shopper.email })).toHaveCount(1);
  await agent.goto(`/admin/contacts/${contact.id}`);
  await agent.getByRole("link", { name: "Storefront account activation" }).click();
  await expect(agent.getByRole("heading", { name: "Storefront account activation" })).toBeVisible();

  await agent.setViewportSize({ width: 390, height: 844 });
  await filterByRecipient(agent, shopper.email);
  await expectNoSidewaysScroll(agent);
  await agent.getByRole("link", { name: "Storefront account activation" }).first().click();
  await expect(agent.getByRole("heading", { name: "Storefront account activation" })).toBeVisible();
  await expectNoSidewaysScroll(agent);
});

for (const javaScriptEnabled of [true, false]) {
  test(`Retry sends a failed e-mail exactly once (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, clientAddress, page, sql }) => {
    const shopper = await registerWithFailedActivation(page, sql, javaScriptEnabled ? "retry-js" : "retry-nojs");

    const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    const { page: agent } = await newStaff(browser, clientAddress, ["customer_service"], undefined, context);
    await filterByRecipient(agent, shopper.email, javaScriptEnabled);
    const row = agent.getByRole("row").filter({ hasText: shopper.email });
    await expect(row).toContainText("Failed");
    await row.getByRole("link", { name: "Storefront account activation" }).click();
    await expect(agent.getByRole("heading", { name: "Storefront account activation" })).toBeVisible();
    await agent.getByRole("button", { name: "Retry", exact: true }).click();
    await expect(agent.getByText("The e-mail was queued again")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Retry", exact: true })).toHaveCount(0);

    const activation = await activationEmail(shopper.email);
    const token = new URL(linkTo(activation, "/activate/")).pathname.split("/").pop()!;
    await agent.reload();
    await expect(agent.getByRole("definition").filter({ hasText: /^Sent$/ })).toBeVisible();
    expect(await agent.content()).not.toContain(token);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await sinkEmails({ to: shopper.email })).toHaveLength(1);
    await context.close();
  });
}

test("Retry all failed requeues the failed e-mails of the filter", async ({ browser, clientAddress, page, sql }) => {
  const shopper = await registerWithFailedActivation(page, sql, "retry-all");
  const { page: agent } = await newStaff(browser, clientAddress, ["shop_admin"]);
  await filterByRecipient(agent, shopper.email);
  await agent.getByRole("button", { name: "Retry all failed" }).click();
  await expect(agent.getByText("1 failed e-mail was queued again.")).toBeVisible();
  await expect(agent).toHaveURL(/recipient=/);
  await activationEmail(shopper.email);
  await agent.getByRole("button", { name: "Retry all failed" }).click();
  await expect(agent.getByText("No failed e-mail matched the filter")).toBeVisible();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await sinkEmails({ to: shopper.email })).toHaveLength(1);
});
