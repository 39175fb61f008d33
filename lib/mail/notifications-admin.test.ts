import { eq, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { activityLog, emailOutbox, shops, type OutboxStatus, type Shop } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { describeOnDatabases } from "@/lib/testing/databases";
import {
  BACK_OFFICE_SHOP,
  findNotification,
  NOTIFICATIONS_PAGE_SIZE,
  retryFailedNotifications,
  retryNotification,
  searchNotifications,
  type NotificationFilter,
} from "./notifications-admin";
import { enqueueEmail } from "./outbox";
import { unseal } from "./seal";

const allShops = { id: "00000000-0000-4000-8000-0000000a11a1", shopIds: null };

describeOnDatabases("Notifications in the back office", (db) => {
  let demo: Shop;
  let classic: Shop;
  let counter = 0;
  const tag = () => `n${++counter}x${Date.now()}`;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });

  const props = (to: string, shop: Shop) => ({
    shop: { name: shop.name, baseUrl: "http://localhost:3000", logoUrl: null, accentColor: "#2563eb" },
    recipient: { email: to, firstName: "Ada", lastName: "Lovelace" },
    link: `http://localhost:3000/activate/${"T".repeat(20)}${tag()}`,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    setPassword: false,
  });

  /** Queues one e-mail for `to` and puts it in `status` as the dispatcher or a webhook would have. */
  async function queued(to: string, shop: Shop | null, status: OutboxStatus = "queued", extra: Partial<typeof emailOutbox.$inferInsert> = {}) {
    const id = await db().transaction((tx) =>
      shop
        ? enqueueEmail(tx, { type: "storefront-account-activation", shopId: shop.id, to, props: props(to, shop) })
        : enqueueEmail(tx, {
            type: "business-user-account-created",
            shopId: null,
            to,
            props: { ...props(to, demo), password: `Temp-${tag()}` },
          }),
    );
    const purged = status === "sent" || status === "delivered" ? { payload: null, sentAt: new Date() } : {};
    await db()
      .update(emailOutbox)
      .set({ status, ...(status === "failed" ? { attempts: 8, lastError: "Provider answered 500" } : {}), ...purged, ...extra })
      .where(eq(emailOutbox.id, id));
    return id;
  }

  const row = async (id: string) => (await db().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
  const ids = async (filter: NotificationFilter, scope: string[] | null = null) => (await searchNotifications(db(), filter, scope)).rows.map((r) => r.id);

  it("lists every e-mail newest first, and each filter narrows it", async () => {
    const mark = tag();
    const a = await queued(`a-${mark}@example.com`, demo, "failed");
    const b = await queued(`b-${mark}@example.com`, classic, "sent");
    const c = await queued(`c-${mark}@example.com`, null, "queued");
    expect(await ids({ recipient: mark })).toEqual([c, b, a]);
    expect(await ids({ recipient: mark, status: "failed" })).toEqual([a]);
    expect(await ids({ recipient: mark, type: "business-user-account-created" })).toEqual([c]);
    expect(await ids({ recipient: mark, shop: classic.id })).toEqual([b]);
    expect(await ids({ recipient: mark, shop: BACK_OFFICE_SHOP })).toEqual([c]);
    expect(await ids({ recipient: `B-${mark}` })).toEqual([b]);
    const [first] = (await searchNotifications(db(), { recipient: mark }, null)).rows;
    expect(first).toMatchObject({ recipient: `c-${mark}@example.com`, shopName: null, status: "queued" });
    expect((await searchNotifications(db(), { recipient: mark, shop: demo.id }, null)).rows[0]).toMatchObject({ shopName: demo.name, attempts: 8, lastError: "Provider answered 500" });
  });

  it("answers bad filter values with a message and no rows, never an error", async () => {
    const page = await searchNotifications(db(), { status: "lost", type: "spam", shop: "not-a-shop", after: "garbage" }, null);
    expect(page.rows).toEqual([]);
    expect(page.problems.status).toEqual({ value: "lost" });
    expect(page.problems.type).toEqual({ value: "spam" });
    expect(page.problems.shop).toBeDefined();
    expect((await searchNotifications(db(), { shop: classic.id }, [demo.id])).problems.shop).toBeDefined();
    expect((await searchNotifications(db(), { shop: BACK_OFFICE_SHOP }, [demo.id])).problems.shop).toBeDefined();
  });

  it("pages through more than one page without skipping or repeating, even within one microsecond", async () => {
    const mark = tag();
    const created: string[] = [];
    const sameTime = new Date();
    for (let index = 0; index < NOTIFICATIONS_PAGE_SIZE + 5; index += 1) {
      created.push(await queued(`p${index}-${mark}@example.com`, demo, "queued", index % 3 === 0 ? { createdAt: sameTime } : {}));
    }
    const first = await searchNotifications(db(), { recipient: mark }, null);
    expect(first.rows).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.total).toBe(NOTIFICATIONS_PAGE_SIZE + 5);
    expect(first.next).not.toBeNull();
    const second = await searchNotifications(db(), { recipient: mark, after: first.next! }, null);
    expect(second.next).toBeNull();
    const seen = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(seen).size).toBe(created.length);
    expect([...seen].sort()).toEqual([...created].sort());
  });

  it("confines the list and the detail to the viewer's shops; the back office's own e-mails only to All shops", async () => {
    const mark = tag();
    const a = await queued(`a-${mark}@example.com`, demo);
    const b = await queued(`b-${mark}@example.com`, classic);
    const c = await queued(`c-${mark}@example.com`, null);
    expect(await ids({ recipient: mark }, [demo.id])).toEqual([a]);
    expect(await ids({ recipient: mark }, [])).toEqual([]);
    expect(await findNotification(db(), b, [demo.id])).toBeNull();
    expect(await findNotification(db(), c, [demo.id])).toBeNull();
    expect(await findNotification(db(), c, null)).not.toBeNull();
    expect(await findNotification(db(), "not-an-id", null)).toBeNull();
    const scoped = { id: allShops.id, shopIds: [demo.id] };
    await db().update(emailOutbox).set({ status: "failed" }).where(inArray(emailOutbox.id, [a, b, c]));
    expect(await retryNotification(db(), scoped, b, null)).toEqual({ ok: false, reason: "not-found" });
    expect((await row(b)).status).toBe("failed");
  });

  it("shows the redacted variables and never the link or password it sealed", async () => {
    const mark = tag();
    const id = await queued(`r-${mark}@example.com`, null, "failed");
    const sealed = JSON.parse(unseal(getEnv().authSecret, (await row(id)).payload!));
    const details = await findNotification(db(), id, null);
    const shown = JSON.stringify(details);
    expect(sealed.link.length).toBeGreaterThan(20);
    expect(shown).not.toContain(sealed.link);
    expect(shown).not.toContain(sealed.password);
    expect(shown).not.toContain("/activate/");
    expect(details!.variables).toEqual(
      expect.arrayContaining([
        { name: "link", hidden: "link" },
        { name: "password", hidden: "password" },
        { name: "recipient.firstName", value: "Ada" },
        { name: "shop.name", value: demo.name },
      ]),
    );
    expect(details!.history.map((entry) => entry.event)).toEqual(["queued", "attempts", "last error", "failed"]);
    expect(details!.retryable).toBe(true);
  });

  it("Retry makes a failed e-mail due once; a second retry, or one of a sent e-mail, does nothing", async () => {
    const mark = tag();
    const failed = await queued(`f-${mark}@example.com`, demo, "failed", { nextAttemptAt: new Date(Date.now() + 86_400_000) });
    const sent = await queued(`s-${mark}@example.com`, demo, "sent");
    expect(await retryNotification(db(), allShops, failed, "203.0.113.9")).toEqual({ ok: true });
    const retried = await row(failed);
    expect(retried.status).toBe("queued");
    expect(retried.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(retried.payload).not.toBeNull();
    expect(await retryNotification(db(), allShops, failed, null)).toEqual({ ok: false, reason: "not-failed" });
    expect(await retryNotification(db(), allShops, sent, null)).toEqual({ ok: false, reason: "not-failed" });
    expect((await row(sent)).status).toBe("sent");
    const logged = await db().select().from(activityLog).where(eq(activityLog.action, "email.retried"));
    expect(logged.filter((entry) => entry.details.outboxId === failed)).toHaveLength(1);
  });

  it("ten concurrent retries queue the e-mail once", async () => {
    const id = await queued(`c-${tag()}@example.com`, demo, "failed");
    const results = await Promise.all(Array.from({ length: 10 }, () => retryNotification(db(), allShops, id, null)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const logged = await db().select().from(activityLog).where(eq(activityLog.action, "email.retried"));
    expect(logged.filter((entry) => entry.details.outboxId === id)).toHaveLength(1);
  });

  it("refuses to retry a failed e-mail whose content is gone", async () => {
    const id = await queued(`g-${tag()}@example.com`, demo, "failed", { payload: null });
    expect(await retryNotification(db(), allShops, id, null)).toEqual({ ok: false, reason: "content-gone" });
    expect((await findNotification(db(), id, null))!.retryable).toBe(false);
    expect((await row(id)).status).toBe("failed");
  });

  it("Retry all failed requeues the failed e-mails of the filter and the scope only", async () => {
    const mark = tag();
    const demoFailed = await queued(`${mark}-keep1@example.com`, demo, "failed");
    const classicFailed = await queued(`${mark}-keep2@example.com`, classic, "failed");
    const otherFailed = await queued(`${mark}-other@example.com`, demo, "failed");
    const gone = await queued(`${mark}-keep3@example.com`, demo, "failed", { payload: null });
    const sent = await queued(`${mark}-keep4@example.com`, demo, "sent");
    const scoped = { id: allShops.id, shopIds: [demo.id] };
    expect(await retryFailedNotifications(db(), scoped, { recipient: `${mark}-keep`, status: "failed" }, null)).toEqual({ ok: true, retried: 1, contentGone: 1 });
    expect((await row(demoFailed)).status).toBe("queued");
    expect((await row(classicFailed)).status).toBe("failed");
    expect((await row(otherFailed)).status).toBe("failed");
    expect((await row(gone)).status).toBe("failed");
    expect((await row(sent)).status).toBe("sent");
    expect(await retryFailedNotifications(db(), allShops, { recipient: `${mark}-keep`, shop: classic.id }, null)).toEqual({ ok: true, retried: 1, contentGone: 0 });
    expect((await row(classicFailed)).status).toBe("queued");
    expect(await retryFailedNotifications(db(), allShops, { status: "sent", recipient: mark }, null)).toEqual({ ok: true, retried: 0, contentGone: 0 });
    expect(await retryFailedNotifications(db(), allShops, { status: "nope", recipient: mark }, null)).toMatchObject({ ok: false });
    expect((await row(otherFailed)).status).toBe("failed");
  });
});
