import type { APIRequestContext } from "@playwright/test";
import { webhookSecret } from "./app-env";
import { activationEmail, expect, newShopper, newStaff, register, test, confirmAction } from "./fixtures";
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

  // The agent's buttons are plain forms or links to confirmation pages: all of this works without JavaScript.
  const noScript = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const agent = (await newStaff(browser, clientAddress, ["customer_service"], "Agent without JavaScript", noScript)).page;
  await agent.goto(`/admin/contacts?q=${encodeURIComponent(shopper.email)}`);
  await expect(agent.getByRole("row", { name: new RegExp(shopper.email) })).toContainText("Activation bounced");

  await agent.goto(`/admin/contacts/${customerId}`);
  await expect(agent.getByRole("heading", { name: "E-mail suppressed" })).toBeVisible();
  await expect(agent.getByText(/No e-mails are sent to this address since .*: their address hard-bounced/)).toBeVisible();

  // The next activation is recorded as suppressed and never reaches the provider.
  await agent.getByRole("button", { name: "Resend activation email" }).click();
  await expect(agent.getByText(`A new activation e-mail was sent to ${shopper.email}.`)).toBeVisible();
  await expect
    .poll(async () => (await sql`select 1 from email_outbox where customer_id = ${customerId} and status = 'suppressed'`).length)
    .toBe(1);
  expect(await sinkEmails({ to: shopper.email, tag: "storefront-account-activation" })).toHaveLength(1);

  await confirmAction(agent, "Remove from suppression list", false);
  await expect(agent.getByText("The address was removed from the suppression list")).toBeVisible();
  await agent.reload();
  await expect(agent.getByRole("heading", { name: "E-mail suppressed" })).toHaveCount(0);
  await expect(agent.getByText("email.suppression-lifted")).toBeVisible();
  await agent.getByRole("button", { name: "Resend activation email" }).click();
  await expect(agent.getByText(`A new activation e-mail was sent to ${shopper.email}.`)).toBeVisible();
  await activationEmail(shopper.email, 2);
  await noScript.close();
});

test("the webhook endpoint answers hostile or foreign requests with a 4xx or an ignored 200, never a 500", async ({ request }) => {
  const url = "/api/webhooks/resend";
  const event = resendEvent("email.delivered", "4ef9a417-02e9-4d39-ad75-9611e0fcc33c");
  const valid = signWebhook(webhookSecret, event);
  const cases: { name: string; body: string | Buffer; headers: Record<string, string>; status: number }[] = [
    { name: "no headers", body: valid.body, headers: {}, status: 400 },
    { name: "garbage signature", body: valid.body, headers: { ...valid.headers, "svix-signature": "v1,AAAA v2,%%% ,,," }, status: 400 },
    { name: "timestamp not a number", body: valid.body, headers: { ...valid.headers, "svix-timestamp": "yesterday" }, status: 400 },
    { name: "not UTF-8", body: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), headers: valid.headers, status: 400 },
    { name: "larger than any event", body: "x".repeat(70 * 1024), headers: valid.headers, status: 413 },
  ];
  for (const hostile of cases) {
    const response = await request.post(url, { data: hostile.body, headers: hostile.headers });
    expect(response.status(), hostile.name).toBe(hostile.status);
  }
  const malformed = await postWebhook(request, signWebhook(webhookSecret, { type: "email.bounced", created_at: "not a time", data: { email_id: "x" } }));
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual({ error: "Malformed webhook payload" });
  // Events about e-mails this installation never sent, and event types it does not follow, are acknowledged.
  expect(await (await postWebhook(request, valid)).json()).toEqual({ outcome: "ignored" });
  expect(await (await postWebhook(request, signWebhook(webhookSecret, resendEvent("email.opened", "x")))).json()).toEqual({ outcome: "ignored" });
});
