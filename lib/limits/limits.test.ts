import { eq, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { beforeAll, expect, it } from "vitest";
import { customers, rateLimits, shops, type Shop } from "@/db/schema";
import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { registerCustomer } from "@/lib/accounts/registration";
import { authenticateCustomer } from "@/lib/accounts/sign-in";
import { hashPassword } from "@/lib/passwords/hash";
import { describeOnDatabases } from "@/lib/testing/databases";
import { limitTimePasses } from "@/lib/testing/limits";
import { deliverAndReadMailbox } from "@/lib/testing/mail";
import storefrontRu from "@/messages/ru/storefront.json";
import storefront from "@/messages/en/storefront.json";
import { currentBlock, hitLimit, limits, reserveAttempt, signInSubjects, waitParts } from "./index";

describeOnDatabases("abuse limits", (db) => {
  let demo: Shop;
  const password = "correct horse 1";

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    await db()
      .insert(customers)
      .values({ shopId: demo.id, customerType: "B2C", email: "owner@example.com", passwordHash: await hashPassword(password), status: "active" });
  });

  const timePasses = (seconds: number) => limitTimePasses(db(), seconds);

  it("counts events in a window and allows them again once it has passed", async () => {
    const rule = { name: "test-window", max: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) expect(await hitLimit(db(), rule, "198.51.100.1")).toEqual({ ok: true });
    const refused = await hitLimit(db(), rule, "198.51.100.1");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(50);
    expect(await hitLimit(db(), rule, "198.51.100.2")).toEqual({ ok: true });
    expect(await hitLimit(db(), rule, null)).toEqual({ ok: true });
    await timePasses(61);
    expect(await hitLimit(db(), rule, "198.51.100.1")).toEqual({ ok: true });
  });

  it("slows sign-in down after repeated failures, for known and unknown e-mails alike, never for good", async () => {
    for (const email of ["owner@example.com", "ghost@example.com"]) {
      for (let i = 0; i < limits.signInFailuresPerAccount.freeFailures; i++) {
        expect(await authenticateCustomer(db(), demo, { email, password: "wrong guess 1" }, null)).toEqual({ ok: false, reason: "invalid" });
      }
      await authenticateCustomer(db(), demo, { email, password: "wrong guess 1" }, null);
      const blocked = await authenticateCustomer(db(), demo, { email, password }, null);
      expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
      if (!blocked.ok && blocked.reason === "throttled") expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(15);
    }
    // Each further failure doubles the wait, up to the cap.
    for (let i = 0; i < 20; i++) {
      await timePasses(limits.signInFailuresPerAccount.maxSeconds + 1);
      expect(await reserveAttempt(db(), signInSubjects(`${demo.id}:owner@example.com`, null))).toMatchObject({ ok: true });
    }
    const capped = await currentBlock(db(), [{ rule: limits.signInFailuresPerAccount, subject: `${demo.id}:owner@example.com` }]);
    expect(capped).toEqual({ ok: false, retryAfterSeconds: limits.signInFailuresPerAccount.maxSeconds });

    await timePasses(limits.signInFailuresPerAccount.maxSeconds + 1);
    expect(await authenticateCustomer(db(), demo, { email: "owner@example.com", password }, null)).toMatchObject({ ok: true });
    const [row] = await db().select().from(rateLimits).where(eq(rateLimits.key, `signin-account:${demo.id}:owner@example.com`));
    expect(row).toBeUndefined(); // a successful sign-in forgets the failures
  });

  it("blocks a client address that fails across many accounts", async () => {
    const ip = "203.0.113.50";
    for (let i = 0; i <= limits.signInFailuresPerAddress.freeFailures; i++) {
      await authenticateCustomer(db(), demo, { email: `spray${i}@example.com`, password: "wrong guess 1" }, { ip, userAgent: null });
    }
    expect(await authenticateCustomer(db(), demo, { email: "owner@example.com", password }, { ip, userAgent: null })).toMatchObject({ reason: "throttled" });
    expect(await authenticateCustomer(db(), demo, { email: "owner@example.com", password }, { ip: "203.0.113.51", userAgent: null })).toMatchObject({ ok: true });
    // Its own attempt taken back, a successful address keeps no row.
    expect(await db().select().from(rateLimits).where(eq(rateLimits.key, "signin-ip:203.0.113.51"))).toHaveLength(0);
  });

  it("caps registrations per client address with a visible wait", async () => {
    const ip = "203.0.113.60";
    const register = (n: number) =>
      registerCustomer(db(), demo, {
        customerType: "B2C",
        ip,
        values: { email: `many${n}@example.com`, firstName: "M", lastName: "N", password, confirmPassword: password },
      });
    for (let i = 0; i < limits.registrationsPerAddress.max; i++) expect(await register(i)).toEqual({ ok: true });
    const refused = await register(99);
    expect(refused).toMatchObject({ ok: false, reason: "throttled", values: { email: "many99@example.com" } });
    expect(refused).not.toHaveProperty("values.password");
    expect(await db().select().from(customers).where(eq(customers.email, "many99@example.com"))).toHaveLength(0);
  });

  it("quietly stops reset e-mails to one address after the hourly allowance", async () => {
    const sent = async () =>
      (await deliverAndReadMailbox(db())).filter((message) => message.to === "owner@example.com" && message.type === "storefront-password-reset").length;
    for (let i = 0; i < limits.emailsPerRecipient.max + 2; i++) {
      await requestPasswordReset(db(), demo, "owner@example.com", `192.0.2.${i}`);
      await db().execute(sql`update email_outbox set created_at = created_at - interval '5 minutes'`);
    }
    expect(await sent()).toBe(limits.emailsPerRecipient.max);
    await timePasses(3601);
    await requestPasswordReset(db(), demo, "owner@example.com", null);
    expect(await sent()).toBe(limits.emailsPerRecipient.max + 1);
  });

  it("says how long to wait in words, in seconds under a minute and in whole minutes after", () => {
    const english = createTranslator({ locale: "en", messages: { storefront }, namespace: "storefront" });
    const russian = createTranslator({ locale: "ru", messages: { storefront: storefrontRu }, namespace: "storefront" });
    expect([1, 45, 61, 900].map((seconds) => english("wait", waitParts(seconds)))).toEqual(["1 second", "45 seconds", "2 minutes", "15 minutes"]);
    expect([1, 45, 61, 300].map((seconds) => russian("wait", waitParts(seconds)))).toEqual(["1 секунду", "45 секунд", "2 минуты", "5 минут"]);
  });
});
