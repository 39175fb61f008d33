import { hash } from "@node-rs/argon2";
import { and, eq, like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { activityLog, customerSessions, customers, rateLimits, shops, type Shop } from "@/db/schema";
import { hashPassword } from "@/lib/passwords/hash";
import { describeOnDatabases } from "@/lib/testing/databases";
import { sessionCustomer } from "./sessions";
import { authenticateCustomer } from "./sign-in";

describeOnDatabases("authenticateCustomer", (db) => {
  let demo: Shop;
  let classic: Shop;
  const password = "correct horse 1";

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
    const passwordHash = await hashPassword(password);
    await db()
      .insert(customers)
      .values([
        { shopId: demo.id, customerType: "B2C", email: "active@example.com", passwordHash, status: "active" },
        { shopId: demo.id, customerType: "B2C", email: "pending@example.com", passwordHash, status: "pending" },
        { shopId: demo.id, customerType: "B2C", email: "disabled@example.com", passwordHash, status: "disabled" },
      ]);
  });

  it("signs in an active customer with the right password, in any letter case", async () => {
    const result = await authenticateCustomer(db(), demo, { email: "Active@Example.com", password }, null);
    expect(result).toMatchObject({ ok: true, customer: { email: "active@example.com" } });
  });

  it("gives one generic answer for a wrong password, an unknown e-mail, a disabled account's wrong password and another shop", async () => {
    const attempts = [
      { email: "active@example.com", password: "wrong password 1" },
      { email: "nobody@example.com", password },
      { email: "disabled@example.com", password: "wrong password 1" },
      { email: "disabled@example.com", password: "" },
      { email: "not an email", password },
      { email: "active@example.com", password: "x".repeat(10_000) },
      { email: ["active@example.com"], password: { $ne: "" } },
    ];
    for (const credentials of attempts) {
      expect(await authenticateCustomer(db(), demo, credentials, null)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticateCustomer(db(), classic, { email: "active@example.com", password }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("tells a pending account to activate only when its password is right", async () => {
    expect(await authenticateCustomer(db(), demo, { email: "pending@example.com", password }, null)).toEqual({
      ok: false,
      reason: "pending",
    });
    expect(await authenticateCustomer(db(), demo, { email: "pending@example.com", password: "wrong one 1" }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("tells a deactivated account so only when its password is right, and still counts the attempt as a failure", async () => {
    const ip = "203.0.113.95";
    const client = { ip, userAgent: null };
    expect(await authenticateCustomer(db(), demo, { email: "disabled@example.com", password: "wrong one 1" }, client)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticateCustomer(db(), demo, { email: "disabled@example.com", password }, client)).toEqual({ ok: false, reason: "disabled" });
    // Another shop's customer of that address does not exist: the generic answer, right password or not.
    expect(await authenticateCustomer(db(), classic, { email: "disabled@example.com", password }, client)).toEqual({ ok: false, reason: "invalid" });
    const counts = await db().select().from(rateLimits).where(like(rateLimits.key, "signin-%"));
    expect(counts.find((row) => row.key === `signin-account:${demo.id}:disabled@example.com`)?.count).toBeGreaterThanOrEqual(2);
    expect(counts.find((row) => row.key === `signin-ip:${ip}`)).toMatchObject({ count: 3 });
    const [disabled] = await db().select().from(customers).where(eq(customers.email, "disabled@example.com"));
    const entries = await db().select().from(activityLog).where(and(eq(activityLog.customerId, disabled.id), eq(activityLog.ip, ip)));
    expect(entries.map((entry) => entry.details).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { reason: "disabled" },
      { reason: "password" },
    ]);
    const sessions = await db().select().from(customerSessions).where(eq(customerSessions.customerId, disabled.id));
    expect(sessions).toEqual([]);
  });

  it("rehashes a password stored with older argon2 parameters", async () => {
    const weak = await hash(password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await db().update(customers).set({ passwordHash: weak }).where(eq(customers.email, "active@example.com"));
    expect(await authenticateCustomer(db(), demo, { email: "active@example.com", password }, null)).toMatchObject({ ok: true });
    const [customer] = await db().select().from(customers).where(eq(customers.email, "active@example.com"));
    expect(customer.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("a success opens the session for its client, logs it and takes back the attempt's counts, in one go", async () => {
    const client = { ip: "203.0.113.90", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };
    await authenticateCustomer(db(), demo, { email: "active@example.com", password: "wrong password 2" }, client);
    const elsewhere = { ip: "203.0.113.91", userAgent: null };
    await authenticateCustomer(db(), demo, { email: "nobody-else@example.com", password: "wrong password 2" }, elsewhere);
    const result = await authenticateCustomer(db(), demo, { email: "active@example.com", password }, client);
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);

    expect(await sessionCustomer(db(), demo.id, result.sessionId)).toMatchObject({ customer: { id: result.customer.id }, sessionId: result.sessionId });
    const [session] = await db().select().from(customerSessions).where(eq(customerSessions.id, result.sessionId));
    expect(session).toMatchObject({ customerId: result.customer.id, ip: client.ip, userAgent: client.userAgent, endedAt: null });
    const entries = await db()
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.customerId, result.customer.id), eq(activityLog.ip, client.ip)));
    expect(entries.map((entry) => entry.action).sort()).toEqual(["customer.sign-in-failed", "customer.signed-in"]);
    // The account forgets its failures; the address keeps only the failure made before (this attempt is released).
    const counts = await db().select().from(rateLimits).where(like(rateLimits.key, "signin-%"));
    expect(counts.find((row) => row.key === `signin-account:${demo.id}:active@example.com`)).toBeUndefined();
    expect(counts.find((row) => row.key === `signin-ip:${client.ip}`)).toMatchObject({ count: 1 });
    expect(counts.find((row) => row.key === `signin-ip:${elsewhere.ip}`)).toMatchObject({ count: 1 });
  });
});
