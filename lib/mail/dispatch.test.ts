import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { emailOutbox, shops } from "@/db/schema";
import { clearSink, failNextSends, sinkEmails, startSink, type RunningSink } from "@/e2e/sink";
import { renderNotification } from "@/emails/render";
import { getEnv } from "@/lib/env";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverDueEmails, type DispatchDeps } from "./dispatch";
import { enqueueEmail } from "./outbox";
import { resendTransport } from "./transports";
import { activationProps } from "@/lib/testing/mail";

let sink: RunningSink;
let deps: DispatchDeps;

beforeAll(async () => {
  sink = await startSink();
  process.env.RESEND_SINK_URL = sink.url;
  deps = {
    transport: resendTransport("re_test_key", sink.url),
    render: renderNotification,
    secret: getEnv().authSecret,
    defaultFrom: "Storefront <no-reply@example.com>",
  };
});

afterAll(async () => {
  await sink?.stop();
});

describeOnDatabases("deliverDueEmails through the Resend SDK", (db) => {
  beforeEach(async () => {
    await clearSink();
    await db().delete(emailOutbox);
  });

  async function queue(email: string): Promise<string> {
    return db().transaction((tx) =>
      enqueueEmail(tx, { type: "storefront-account-activation", shopId: null, to: email, props: activationProps(email) }),
    );
  }

  const row = async (id: string) => (await db().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

  it("sends nothing when the transaction that queued the e-mail fails", async () => {
    await expect(
      db().transaction(async (tx) => {
        await enqueueEmail(tx, { type: "storefront-account-activation", shopId: null, to: "x@example.com", props: activationProps("x@example.com") });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await sinkEmails()).toHaveLength(0);
  });

  it("delivers with the notification tag and the outbox id as idempotency key, then purges the secrets", async () => {
    const id = await queue("ada@example.com");
    const sealed = (await row(id)).payload!;
    expect(sealed).not.toContain("activate/");
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [email] = await sinkEmails({ to: "ada@example.com" });
    expect(email.tags).toContainEqual({ name: "notification", value: "storefront-account-activation" });
    expect(email.idempotencyKey).toBe(id);
    expect(email.text).toContain("/activate/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    const sent = await row(id);
    expect(sent).toMatchObject({ status: "sent", payload: null, attempts: 1, lastError: null });
    expect(sent.redacted).toMatchObject({ link: "[redacted]" });

    // A retry after a crash (same row, same key) is not a second e-mail.
    await db().update(emailOutbox).set({ status: "queued", payload: sealed, nextAttemptAt: sql`now()` }).where(eq(emailOutbox.id, id));
    expect((await deliverDueEmails(db(), deps)).sent).toBe(1);
    expect(await sinkEmails({ to: "ada@example.com" })).toHaveLength(1);
  });

  it("retries 5xx with back-off and 429 after retry-after, and gives up visibly on a refusal", async () => {
    const id = await queue("retry@example.com");
    await failNextSends(500, 1);
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 1, failed: 0 });
    let queued = await row(id);
    expect(queued.status).toBe("queued");
    expect(queued.lastError).toContain("500");
    expect(queued.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet

    await db().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.id, id));
    await failNextSends(429, 1, 7);
    expect((await deliverDueEmails(db(), deps)).retried).toBe(1);
    queued = await row(id);
    const wait = queued.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(5_000);
    expect(wait).toBeLessThan(9_000);

    await db().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.id, id));
    expect((await deliverDueEmails(db(), deps)).sent).toBe(1);
    expect(await sinkEmails({ to: "retry@example.com" })).toHaveLength(1);

    const refused = await queue("not an address");
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row(refused)).toMatchObject({ status: "failed" });
    expect((await row(refused)).lastError).toContain("422");
  });

  it("waits out a provider's rate limit: a 429 stops the run, consumes no attempt, fails nothing, sends each once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await queue(`burst${i}@example.com`));
    const rows = async () => db().select().from(emailOutbox);
    const allDue = () => db().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.status, "queued"));

    // Limited for three requests, asking for 2 s: each run makes one request, gets 429 and leaves every e-mail queued.
    await failNextSends(429, 3, 2);
    for (let run = 1; run <= 3; run++) {
      expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 10, failed: 0 });
      for (const email of await rows()) {
        expect(email).toMatchObject({ status: "queued", attempts: 0 });
        const wait = email.nextAttemptAt.getTime() - Date.now();
        expect(wait).toBeGreaterThan(500);
        expect(wait).toBeLessThan(2_500);
      }
      expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 0, failed: 0 }); // waiting as asked
      await allDue();
    }
    expect(await sinkEmails()).toHaveLength(0);

    // The limit lifts: every e-mail goes out exactly once, on its first counted attempt.
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 10, retried: 0, failed: 0 });
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
    for (let i = 0; i < 10; i++) expect(await sinkEmails({ to: `burst${i}@example.com` })).toHaveLength(1);
  });

  it("waits a short moment after a 429 without retry-after, and still ends at the retry window", async () => {
    const id = await queue("limited@example.com");
    await failNextSends(429, 1);
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: "queued", attempts: 0 });
    expect(waiting.lastError).toContain("429");
    expect(waiting.nextAttemptAt.getTime() - Date.now()).toBeLessThan(1_500);

    // Queued a day ago and still refused: the window bounds rate limits too, the e-mail fails visibly.
    await db().update(emailOutbox).set({ createdAt: sql`now() - interval '24 hours 1 minute'`, nextAttemptAt: sql`now()` }).where(eq(emailOutbox.id, id));
    await failNextSends(429, 1, 30);
    expect(await deliverDueEmails(db(), deps)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row(id)).toMatchObject({ status: "failed" });
  });

  it("rides out a provider outage of hours: retries for 24 hours with capped back-off, then fails visibly", async () => {
    const due = (id: string) => db().update(emailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(emailOutbox.id, id));
    const id = await queue("outage@example.com");
    // Twelve failed attempts (an outage of hours in real time) leave the activation queued, not lost.
    await failNextSends(503, 12);
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect((await deliverDueEmails(db(), deps)).retried).toBe(1);
      await due(id);
    }
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: "queued", attempts: 12 });
    // The provider is back: the e-mail goes out, once.
    expect((await deliverDueEmails(db(), deps)).sent).toBe(1);
    expect(await sinkEmails({ to: "outage@example.com" })).toHaveLength(1);

    // Back-off is capped at an hour, and the last attempt falls at the end of the 24-hour window.
    const late = await queue("late@example.com");
    await db().update(emailOutbox).set({ createdAt: sql`now() - interval '23 hours 50 minutes'`, attempts: 20 }).where(eq(emailOutbox.id, late));
    await failNextSends(503, 2);
    expect((await deliverDueEmails(db(), deps)).retried).toBe(1);
    const wait = (await row(late)).nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(8 * 60_000);
    expect(wait).toBeLessThan(11 * 60_000);
    await db().update(emailOutbox).set({ createdAt: sql`now() - interval '24 hours 1 minute'` }).where(eq(emailOutbox.id, late));
    await due(late);
    expect((await deliverDueEmails(db(), deps)).failed).toBe(1);
    expect(await row(late)).toMatchObject({ status: "failed" });
    expect((await row(late)).lastError).toContain("503");
  });

  it("sends a shop's e-mail from `Sender name <sender e-mail>`, well-formed whatever the name holds", async () => {
    const [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    const send = async (to: string, shopId: string | null) => {
      await db().transaction((tx) => enqueueEmail(tx, { type: "storefront-account-activation", shopId, to, props: activationProps(to) }));
      expect((await deliverDueEmails(db(), deps)).sent).toBe(1);
      return (await sinkEmails({ to }))[0].from;
    };
    try {
      expect(await send("from-shop@example.com", demo.id)).toBe("Demo Shop <shop@example.com>");
      await db().update(shops).set({ senderName: 'Demo, "Best" Shop', senderEmail: "Old form <demo@example.com>" }).where(eq(shops.id, demo.id));
      expect(await send("from-quoted@example.com", demo.id)).toBe('"Demo, \\"Best\\" Shop" <demo@example.com>');
      expect(await send("from-office@example.com", null)).toBe("Storefront <no-reply@example.com>");
    } finally {
      await db().update(shops).set({ senderName: demo.senderName, senderEmail: demo.senderEmail }).where(eq(shops.id, demo.id));
    }
  });
});
