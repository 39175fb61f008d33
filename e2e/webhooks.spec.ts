import type { APIRequestContext } from "@playwright/test";
import { webhookSecret } from "./app-env";
import { activationEmail, expect, newShopper, newStaff, register, test } from "./fixtures";
import { sinkEmails } from "./sink";
import { resendEvent, signWebhook, type SignedWebhook } from "./webhook-signing";

const postWebhook = (request: APIRequestContext, signed: SignedWebhook) =>
  request.post("/api/webhooks/resend", { data: signed.body, headers: signed.headers });

test("a hard bounce suppresses the address until an agent lifts it; a bad signature changes nothing", async ({ browser, page, request, sql, clientAddress }) => {
  const shopper = newShopper("bounce");
  await register(page, shopper);
  const activation = await activationEmail(shopper.email);
  const [{ id: customerId }] = await sql<{ id: string }[]>`select id from customers where email = ${shopper.email}`;
  // The dispatcher records the provider's id once the send call returns.
  await expect.poll(async () => (await sql`select 1 from email_outbox where provider_id = ${activation.id}`).length).toBe(1);

  const bounce = resendEvent("email.bounced", activation.id, { bounce: { type: "Permanent", subType: "General", message: "Mailbox does not exist" } });
  const history = () => sql`select e.type from email_events e join email_outbox o on o.id = e.outbox_id where o.provider_id = ${activation.id}`;

  // Signed with another secret, or without a signature: 400, and nothing recorded or suppressed.
  const forged = signWebhook(`whsec_${Buffer.from("not the secret the app was given!").toString("base64")}`, bounce);
  const refused = await postWebhook(request, forged);
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({ error: "Missing or invalid webhook signature" });
  const unsigned = await request.post("/api/webhooks/resend", { data: forged.body, headers: { "content-type": "application/json" } });
  expect(unsigned.status()).toBe(400);
  expect(await history()).toHaveLength(0);
  expect(await sql`select 1 from email_suppressions where email = ${shopper.email}`).toHaveLength(0);

  // Resend's signed hard bounce: recorded once, however often it is delivered.
  const signed = signWebhook(webhookSecret, bounce);
  const accepted = await postWebhook(request, signed);
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toEqual({ outcome: "recorded" });
  expect(await (await postWebhook(request, signed)).json()).toEqual({ outcome: "replayed" });
  // A late "delivered" does not turn the bounce back into a delivery.
  expect((await postWebhook(request, signWebhook(webhookSecret, resendEvent("email.delivered", activation.id)))).status()).toBe(200);
  expect(await history()).toHaveLength(2);
  const [{ status }] = await sql<{ status: string }[]>`select status from email_outbox where provider_id = ${activation.id}`;
  expect(status).toBe("bounced");

  const agent = (await newStaff(browser, clientAddress, ["customer_service"])).page;
  await agent.goto(`/admin/contacts?q=${encodeURIComponent(shopper.email)}`);
  await expect(agent.getByRole("row", { name: new RegExp(shopper.email) })).toContainText("Activation bounced");

  await agent.goto(`/admin/contacts/${customerId}`);
  await expect(agent.getByRole("heading", { name: "E-mail suppressed" })).toBeVisible();
  await expect(agent.getByText(/No e-mails are sent to this address since .*: their address hard-bounced/)).toBeVisible();

  // The next activation is recorded as suppressed and never reaches the provider.
  await agent.getByRole("button", { name: "Resend activation email" }).click();
  await expect(agent.getByText("A new activation e-mail was sent.")).toBeVisible();
  await expect
    .poll(async () => (await sql`select 1 from email_outbox where customer_id = ${customerId} and status = 'suppressed'`).length)
    .toBe(1);
  expect(await sinkEmails({ to: shopper.email, tag: "storefront-account-activation" })).toHaveLength(1);

  await agent.getByRole("button", { name: "Remove from suppression list" }).click();
  await expect(agent.getByText("The address was removed from the suppression list")).toBeVisible();
  await agent.reload();
  await expect(agent.getByRole("heading", { name: "E-mail suppressed" })).toHaveCount(0);
  await expect(agent.getByText("email.suppression-lifted")).toBeVisible();
  await agent.getByRole("button", { name: "Resend activation email" }).click();
  await expect(agent.getByText("A new activation e-mail was sent.")).toBeVisible();
  await activationEmail(shopper.email, 2);
});
