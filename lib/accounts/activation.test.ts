import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { customers, emailOutbox, shops, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverAndReadMailbox, linkToken } from "@/lib/testing/mail";
import { activateAccount, resendActivation } from "./activation";
import { registerCustomer } from "./registration";
import { authenticateCustomer } from "./sign-in";

describeOnDatabases("activateAccount", (db) => {
  let demo: Shop;
  let classic: Shop;
  let counter = 0;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });

  /** Registers a new customer and returns the token from the activation e-mail it received. */
  async function registered(shop: Shop, values: Record<string, string> = {}): Promise<{ email: string; token: string }> {
    const email = `activate${++counter}-${Date.now()}@example.com`;
    const password = { password: "correct horse 1", confirmPassword: "correct horse 1" };
    await registerCustomer(db(), shop, {
      customerType: "B2C",
      ip: null,
      values: { email, firstName: "Grace", lastName: "Hopper", ...(shop.code === "demo" ? password : {}), ...values },
    });
    const message = (await deliverAndReadMailbox(db())).find((m) => m.to === email && m.type === "storefront-account-activation");
    return { email, token: linkToken(message!, "activate") };
  }

  it("activates once, sends Activation was successful, and says already active on a second use", async () => {
    const { email, token } = await registered(demo);
    const result = await activateAccount(db(), demo, token, "198.51.100.1");
    expect(result.ok).toBe(true);
    const [customer] = await db().select().from(customers).where(eq(customers.email, email));
    expect(customer.status).toBe("active");
    expect(customer.activatedAt).not.toBeNull();
    const success = (await deliverAndReadMailbox(db())).filter((m) => m.to === email && m.type === "activation-successful");
    expect(success).toHaveLength(1);
    expect(success[0].text).toContain("http://localhost:3000/login");
    expect(success[0].text).not.toMatch(/password:/i);
    expect(await activateAccount(db(), demo, token, null)).toEqual({ ok: false, reason: "already-active" });
    expect(await authenticateCustomer(db(), demo, { email, password: "correct horse 1" }, null)).toMatchObject({ ok: true });
  });

  it("refuses expired, superseded, unknown, malformed and other-shop links without changing anything", async () => {
    const expired = await registered(demo);
    await db().execute(sql`update account_tokens set expires_at = now() - interval '1 second'
      where customer_id = (select id from customers where email = ${expired.email})`);
    expect(await activateAccount(db(), demo, expired.token, null)).toEqual({ ok: false, reason: "invalid" });

    const superseded = await registered(demo);
    await db().execute(sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${superseded.email}`);
    await resendActivation(db(), demo, superseded.email, null);
    expect(await activateAccount(db(), demo, superseded.token, null)).toEqual({ ok: false, reason: "invalid" });
    const fresh = (await deliverAndReadMailbox(db())).find((m) => m.to === superseded.email)!;
    expect(await activateAccount(db(), demo, linkToken(fresh, "activate"), null)).toMatchObject({ ok: true });

    const elsewhere = await registered(demo);
    for (const token of [randomBytes(32).toString("base64url"), "short", "x".repeat(5000), "'; drop table customers;--", `${elsewhere.token}=`]) {
      expect(await activateAccount(db(), demo, token, null)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await activateAccount(db(), classic, elsewhere.token, null)).toEqual({ ok: false, reason: "invalid" });
    const pending = await db().select().from(customers).where(sql`email in (${expired.email}, ${elsewhere.email})`);
    expect(pending.map((customer) => customer.status)).toEqual(["pending", "pending"]);
  });

  it("lets exactly one of twenty simultaneous uses of a link activate", async () => {
    const { token } = await registered(demo);
    const results = await Promise.all(Array.from({ length: 20 }, () => activateAccount(db(), demo, token, null)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "already-active")).toHaveLength(19);
  });

  it("issues a generated password in automatic mode and e-mails it", async () => {
    const { email, token } = await registered(classic);
    expect(await activateAccount(db(), classic, token, null)).toMatchObject({ ok: true });
    const message = (await deliverAndReadMailbox(db())).find((m) => m.to === email && m.type === "activation-successful")!;
    const password = message.text.match(/password:\s*(\S{16,})/i)?.[1];
    expect(password).toBeDefined();
    expect(await authenticateCustomer(db(), classic, { email, password }, null)).toMatchObject({ ok: true });
  });

  it("resends activation once per double submit, and again when the previous e-mail failed", async () => {
    const { email } = await registered(demo);
    await db().execute(sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${email}`);
    const activations = () =>
      db().select().from(emailOutbox).where(and(eq(emailOutbox.recipient, email), eq(emailOutbox.type, "storefront-account-activation")));
    await resendActivation(db(), demo, email, null);
    await resendActivation(db(), demo, email, null);
    expect(await activations()).toHaveLength(2); // the registration's and one resend

    await db().execute(sql`update email_outbox set status = 'failed' where recipient = ${email} and status <> 'sent'`);
    await resendActivation(db(), demo, email, null);
    expect((await activations()).filter((row) => row.status === "queued")).toHaveLength(1);
    expect(await activations()).toHaveLength(3);
  });

  it("resends activation only to pending accounts", async () => {
    const { email, token } = await registered(demo);
    await activateAccount(db(), demo, token, null);
    await db().execute(sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${email}`);
    const before = (await deliverAndReadMailbox(db())).length;
    await resendActivation(db(), demo, email, null);
    await resendActivation(db(), demo, "nobody@example.com", null);
    expect((await deliverAndReadMailbox(db())).length).toBe(before);
  });
});
