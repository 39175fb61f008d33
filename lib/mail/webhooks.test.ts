import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { activityLog, emailEvents, emailOutbox, emailSuppressions } from "@/db/schema";
import { clearSink, sinkEmails, startSink, type RunningSink } from "@/e2e/sink";
import { resendEvent, signWebhook, type SignedWebhook } from "@/e2e/webhook-signing";
import { renderNotification } from "@/emails/render";
import { getEnv } from "@/lib/env";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverDueEmails, type DispatchDeps } from "./dispatch";
import { enqueueEmail } from "./outbox";
import { findSuppression, liftSuppression } from "./suppression";
import { resendTransport } from "./transports";
import { receiveResendWebhook } from "./webhooks";
import { activationProps } from "@/lib/testing/mail";

const secret = `whsec_${Buffer.from("a test signing secret of 32 bytes").toString("base64")}`;
let sink: RunningSink;
let deps: DispatchDeps;

beforeAll(async () => {
  sink = await startSink();
  process.env.RESEND_SINK_URL = sink.url;
  deps = { transport: resendTransport("re_test_key", sink.url), render: renderNotification, secret: getEnv().authSecret, defaultFrom: "Storefront <no-reply@example.com>" };
});

afterAll(async () => {
  await sink?.stop();
});

describeOnDatabases("Resend webhooks and the suppression list", (db) => {
  beforeEach(async () => {
    await clearSink();
    await db().delete(emailSuppressions);
    await db().delete(emailOutbox);
  });

  const row = async (id: string) => (await db().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
  const events = async (id: string) => db().select().from(emailEvents).where(eq(emailEvents.outboxId, id));

  /** Queues an e-mail and delivers it through the sink; returns the outbox id and the provider's id. */
  async function sendTo(email: string): Promise<{ id: string; providerId: string }> {
    const id = await db().transaction((tx) => enqueueEmail(tx, { type: "storefront-account-activation", shopId: null, to: email, props: activationProps(email) }));
    await deliverDueEmails(db(), deps);
    return { id, providerId: (await row(id)).providerId! };
  }

  const post = (signed: SignedWebhook) =>
    receiveResendWebhook(db(), secret, signed.body, {
      id: signed.headers["svix-id"],
      timestamp: signed.headers["svix-timestamp"],
      signature: signed.headers["svix-signature"],
    });

  it("records a correctly signed event and moves the e-mail to its status", async () => {
    const { id, providerId } = await sendTo("ada@example.com");
    expect(await post(signWebhook(secret, resendEvent("email.delivered", providerId)))).toEqual({ ok: true, outcome: "recorded" });
    expect((await row(id)).status).toBe("delivered");
    expect(await events(id)).toMatchObject([{ type: "email.delivered" }]);
  });

  it("finds an e-mail by its outbox tag when the event overtakes the dispatcher's write of the provider's id", async () => {
    const id = await db().transaction((tx) =>
      enqueueEmail(tx, { type: "storefront-account-activation", shopId: null, to: "early@example.com", props: activationProps("early@example.com") }),
    );
    // Accepted by the provider, answer not yet written: the row has no provider id.
    const early = resendEvent("email.delivered", "re_not_yet_known", { tags: { notification: "storefront-account-activation", outbox: id } });
    expect(await post(signWebhook(secret, early))).toEqual({ ok: true, outcome: "recorded" });
    expect(await events(id)).toMatchObject([{ type: "email.delivered" }]);
    // The e-mail stays in the dispatcher's hands until its request is settled; then the early event applies.
    expect((await row(id)).status).toBe("queued");
    await deliverDueEmails(db(), deps);
    expect((await row(id)).status).toBe("delivered");
    // The list form of tags works too; a tag naming an e-mail that already has another provider id is not trusted.
    const { id: other } = await sendTo("known@example.com");
    const listed = resendEvent("email.bounced", "re_someone_else", { tags: [{ name: "outbox", value: other }], bounce: { type: "Permanent" } });
    expect(await post(signWebhook(secret, listed))).toEqual({ ok: true, outcome: "ignored" });
    expect((await row(other)).status).toBe("sent");
    const junk = resendEvent("email.delivered", "re_x", { tags: { outbox: "not-a-uuid' or 1=1" } });
    expect(await post(signWebhook(secret, junk))).toEqual({ ok: true, outcome: "ignored" });
  });

  it("refuses a bad, missing or stale signature and a tampered body, and changes nothing", async () => {
    const { id, providerId } = await sendTo("ada@example.com");
    const event = resendEvent("email.bounced", providerId, { bounce: { type: "Permanent", subType: "General", message: "x" } });
    const other = `whsec_${Buffer.from("another secret of thirty-two byte").toString("base64")}`;
    expect(await post(signWebhook(other, event))).toEqual({ ok: false, reason: "signature" });
    const good = signWebhook(secret, event);
    expect(await post({ ...good, headers: { ...good.headers, "svix-signature": "" } })).toEqual({ ok: false, reason: "signature" });
    expect(await receiveResendWebhook(db(), secret, good.body, { id: null, timestamp: null, signature: null })).toEqual({ ok: false, reason: "signature" });
    expect(await post({ ...good, body: good.body.replace("Permanent", "Transient") })).toEqual({ ok: false, reason: "signature" });
    expect(await post(signWebhook(secret, event, { at: new Date(Date.now() - 3600_000) }))).toEqual({ ok: false, reason: "signature" });
    expect((await row(id)).status).toBe("sent");
    expect(await events(id)).toHaveLength(0);
    expect(await findSuppression(db(), "ada@example.com")).toBeNull();
  });

  it("answers a signed but malformed payload as malformed, and ignores other events and unknown e-mails", async () => {
    await sendTo("ada@example.com");
    expect(await post(signWebhook(secret, { type: "email.delivered" }))).toEqual({ ok: false, reason: "malformed" });
    expect(await post(signWebhook(secret, resendEvent("email.delivered", "bad\u0000id")))).toEqual({ ok: false, reason: "malformed" });
    expect(await post(signWebhook(secret, resendEvent("email.delivered", randomUUID())))).toEqual({ ok: true, outcome: "ignored" });
    expect(await post(signWebhook(secret, resendEvent("email.opened", randomUUID())))).toEqual({ ok: true, outcome: "ignored" });
    expect(await db().select().from(emailEvents)).toHaveLength(0);
  });

  it("is idempotent by event id: a replayed event is recorded once", async () => {
    const { id, providerId } = await sendTo("ada@example.com");
    const signed = signWebhook(secret, resendEvent("email.delivery_delayed", providerId));
    expect(await post(signWebhook(secret, resendEvent("email.delivery_delayed", providerId), { id: signed.headers["svix-id"] }))).toMatchObject({ outcome: "recorded" });
    expect(await post(signed)).toEqual({ ok: true, outcome: "replayed" });
    expect(await events(id)).toHaveLength(1);
    expect((await row(id)).status).toBe("delayed");
  });

  it("keeps the strongest status whatever the order: a late delivered never overwrites a bounce", async () => {
    const { id, providerId } = await sendTo("ada@example.com");
    await post(signWebhook(secret, resendEvent("email.bounced", providerId, { bounce: { type: "Permanent", subType: "General" } })));
    await post(signWebhook(secret, resendEvent("email.delivered", providerId)));
    await post(signWebhook(secret, resendEvent("email.delivery_delayed", providerId)));
    expect((await row(id)).status).toBe("bounced");
    expect((await events(id)).map((event) => event.type).sort()).toEqual(["email.bounced", "email.delivered", "email.delivery_delayed"]);

    const second = await sendTo("bob@example.com");
    await post(signWebhook(secret, resendEvent("email.delivered", second.providerId)));
    await post(signWebhook(secret, resendEvent("email.delivery_delayed", second.providerId)));
    expect((await row(second.id)).status).toBe("delivered");
    await post(signWebhook(secret, resendEvent("email.complained", second.providerId)));
    expect((await row(second.id)).status).toBe("complained");
  });

  it("suppresses an address after a hard bounce or a complaint, not after a soft bounce", async () => {
    const soft = await sendTo("soft@example.com");
    await post(signWebhook(secret, resendEvent("email.bounced", soft.providerId, { bounce: { type: "Transient", subType: "MailboxFull" } })));
    expect((await row(soft.id)).status).toBe("bounced");
    expect(await findSuppression(db(), "soft@example.com")).toBeNull();

    const hard = await sendTo("hard@example.com");
    await post(signWebhook(secret, resendEvent("email.bounced", hard.providerId, { bounce: { type: "Permanent", subType: "General", message: "no such user" } })));
    expect(await findSuppression(db(), " HARD@example.com ")).toMatchObject({ email: "hard@example.com", reason: "bounce", outboxId: hard.id });
    expect((await events(hard.id))[0].details).toEqual({ bounceType: "Permanent", bounceSubType: "General" });

    const complained = await sendTo("angry@example.com");
    await post(signWebhook(secret, resendEvent("email.complained", complained.providerId)));
    expect(await findSuppression(db(), "angry@example.com")).toMatchObject({ reason: "complaint" });
  });

  it("records a suppressed address's next e-mail as suppressed without sending or retrying it, until lifted", async () => {
    const first = await sendTo("hard@example.com");
    await post(signWebhook(secret, resendEvent("email.bounced", first.providerId, { bounce: { type: "Permanent", subType: "General" } })));
    await clearSink();

    const next = await sendTo("hard@example.com");
    expect(await row(next.id)).toMatchObject({ status: "suppressed", attempts: 0, payload: null, providerId: null });
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await sinkEmails({ to: "hard@example.com" })).toHaveLength(0);

    const staffId = randomUUID();
    expect(await liftSuppression(db(), "hard@example.com", { actorId: staffId, shopId: null, customerId: null, ip: "203.0.113.9" })).toEqual({ ok: true });
    expect(await liftSuppression(db(), "hard@example.com", { actorId: staffId, shopId: null, customerId: null, ip: null })).toEqual({ ok: false, reason: "not-suppressed" });
    const [entry] = await db().select().from(activityLog).where(eq(activityLog.actorId, staffId));
    expect(entry).toMatchObject({ action: "email.suppression-lifted", actorType: "staff", email: "hard@example.com", details: { reason: "bounce" } });

    const after = await sendTo("hard@example.com");
    expect((await row(after.id)).status).toBe("sent");
    expect(await sinkEmails({ to: "hard@example.com" })).toHaveLength(1);
  });
});
