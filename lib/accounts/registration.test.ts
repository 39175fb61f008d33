import { and, eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { accountTokens, activityLog, customers, emailOutbox, shops, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverAndReadMailbox, linkToken } from "@/lib/testing/mail";
import { hashToken } from "@/lib/tokens";
import { emailMessages } from "@/lib/shops/registration-form";
import { emailText } from "@/emails/_components/text";
import { chooseCustomerLocale } from "./customers";
import { registerCustomer } from "./registration";
import { messageCode } from "@/i18n/message-code";

const form = (email: string, extra: Record<string, string> = {}) => ({
  customerType: "B2C",
  ip: null,
  values: { email, firstName: "Ada", lastName: "Lovelace", password: "correct horse 1", confirmPassword: "correct horse 1", ...extra },
});

describeOnDatabases("registerCustomer", (db) => {
  let demo: Shop;
  let counter = 0;
  const uniqueEmail = () => `shopper${++counter}-${Date.now()}@example.com`;

  beforeEach(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
  });

  const outboxFor = (email: string) =>
    db().select().from(emailOutbox).where(eq(emailOutbox.recipient, email)).orderBy(emailOutbox.createdAt);

  it("creates a pending customer with an argon2id hash and queues the activation e-mail", async () => {
    const email = uniqueEmail();
    expect(await registerCustomer(db(), demo, form(email))).toEqual({ ok: true });
    const [customer] = await db().select().from(customers).where(eq(customers.email, email));
    expect(customer.status).toBe("pending");
    expect(customer.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(customer.firstName).toBe("Ada");

    const messages = (await deliverAndReadMailbox(db())).filter((message) => message.to === email);
    expect(messages).toHaveLength(1);
    expect(messages[0].type).toBe("storefront-account-activation");
    const token = linkToken(messages[0], "activate");
    expect(messages[0].html).toContain(`/activate/${token}`);
    const [stored] = await db().select().from(accountTokens).where(eq(accountTokens.customerId, customer.id));
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.purpose).toBe("activation");
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 3600 * 1000);
    const [outbox] = await outboxFor(email);
    expect(outbox.status).toBe("sent");
    expect(outbox.payload).toBeNull();
    expect(JSON.stringify(outbox.redacted)).not.toContain(token);
  });

  it("stores the storefront's language at registration and writes the activation e-mail in it (SPEC §9)", async () => {
    const email = uniqueEmail();
    expect(await registerCustomer(db(), demo, { ...form(email), locale: "uk" })).toEqual({ ok: true });
    const [customer] = await db().select().from(customers).where(eq(customers.email, email));
    expect(customer.locale).toBe("uk");
    const [message] = (await deliverAndReadMailbox(db())).filter((opened) => opened.to === email);
    expect(message.subject).toBe(`Demo Shop: ${emailText("uk")("storefront-account-activation.subject")}`);
    expect(message.text).toContain("Активуйте обліковий запис");
    // Without a language from the request, the shop's default.
    const other = uniqueEmail();
    await registerCustomer(db(), demo, form(other));
    const [plain] = await db().select().from(customers).where(eq(customers.email, other));
    expect(plain.locale).toBe(demo.defaultLocale);
  });

  it("lets a customer choose another language the shop offers, logged, and refuses any other", async () => {
    const email = uniqueEmail();
    await registerCustomer(db(), demo, { ...form(email), locale: "uk" });
    const read = async () => (await db().select().from(customers).where(eq(customers.email, email)))[0];
    const offering = { ...demo, locales: ["en", "de"] as Shop["locales"], defaultLocale: "en" as const };
    expect(await chooseCustomerLocale(db(), offering, await read(), "de", null)).toBe("de");
    expect((await read()).locale).toBe("de");
    const [logged] = await db().select().from(activityLog).where(and(eq(activityLog.email, email), eq(activityLog.action, "customer.language-changed")));
    expect(logged.details).toEqual({ from: "uk", to: "de" });
    for (const refused of ["uk", "fr", "", null, ["de"], "de\u0000"]) {
      expect(await chooseCustomerLocale(db(), offering, await read(), refused, null)).toBeNull();
    }
    expect((await read()).locale).toBe("de");
  });

  it("treats e-mails case-insensitively and answers a pending one with a fresh link that supersedes the old", async () => {
    const email = uniqueEmail();
    await registerCustomer(db(), demo, form(email));
    expect(await registerCustomer(db(), demo, form(email.toUpperCase()))).toEqual({ ok: true });
    expect(await outboxFor(email)).toHaveLength(1); // a double submit sends nothing more

    await db().execute(sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${email}`);
    expect(await registerCustomer(db(), demo, form(` ${email.toUpperCase()} `))).toEqual({ ok: true });
    expect(await db().select().from(customers).where(eq(customers.email, email))).toHaveLength(1);
    const queued = await outboxFor(email);
    expect(queued.map((row) => row.type)).toEqual(["storefront-account-activation", "storefront-account-activation"]);
    const tokens = await db()
      .select()
      .from(accountTokens)
      .innerJoin(customers, eq(customers.id, accountTokens.customerId))
      .where(eq(customers.email, email))
      .orderBy(accountTokens.createdAt);
    expect(tokens.map((row) => row.account_tokens.supersededAt === null)).toEqual([false, true]);
  });

  it("sends Account already exists to the owner of an active account, with the same answer", async () => {
    const email = uniqueEmail();
    await registerCustomer(db(), demo, form(email));
    await db().update(customers).set({ status: "active" }).where(eq(customers.email, email));
    await db().execute(sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${email}`);
    expect(await registerCustomer(db(), demo, form(email, { firstName: "Mallory" }))).toEqual({ ok: true });
    const queued = await outboxFor(email);
    expect(queued.at(-1)?.type).toBe("storefront-account-exists");
    const [customer] = await db().select().from(customers).where(eq(customers.email, email));
    expect(customer.firstName).toBe("Ada");
  });

  it("answers bad input with every field's errors, echoes no password and stores nothing", async () => {
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(customers);
    const result = await registerCustomer(db(), demo, {
      customerType: "B2C",
      ip: null,
      values: {
        email: `${"a".repeat(300)}@example.com`,
        firstName: "",
        lastName: "x".repeat(101),
        password: "short",
        confirmPassword: "different",
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid") throw new Error("expected field errors");
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["confirmPassword", "email", "firstName", "lastName", "password"]);
    expect(result.values).not.toHaveProperty("password");
    expect(result.values).not.toHaveProperty("confirmPassword");

    const mismatch = await registerCustomer(db(), demo, form(uniqueEmail(), { confirmPassword: "correct horse 2" }));
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: [messageCode("passwordsDiffer")] } });
    const policy = await registerCustomer(db(), demo, form(uniqueEmail(), { password: "onlyletters", confirmPassword: "onlyletters" }));
    expect(policy).toMatchObject({ ok: false, fieldErrors: { password: ["Use at least one letter and one digit."] } });
    const missing = await registerCustomer(db(), demo, { customerType: "B2C", ip: null, values: {} });
    expect(missing.ok).toBe(false);
    const after = await db().select({ n: sql<number>`count(*)::int` }).from(customers);
    expect(after).toEqual(before);
  });

  it("stores hostile and unicode strings as typed, and refuses unknown customer types", async () => {
    const email = uniqueEmail();
    const hostile = "Robert'); DROP TABLE customers;-- <script>alert(1)</script>";
    expect(await registerCustomer(db(), demo, form(email, { firstName: hostile, lastName: "Żółć 山田 🚀" }))).toEqual({ ok: true });
    const [customer] = await db().select().from(customers).where(eq(customers.email, email));
    expect(customer.firstName).toBe(hostile);
    expect(customer.lastName).toBe("Żółć 山田 🚀");
    expect(await registerCustomer(db(), demo, { ...form(uniqueEmail()), customerType: "B2X" })).toEqual({
      ok: false,
      reason: "unknown-customer-type",
    });
  });

  it("asks business customers for their company and keeps it", async () => {
    const email = uniqueEmail();
    const withoutCompany = await registerCustomer(db(), demo, { ...form(email), customerType: "B2B" });
    expect(withoutCompany).toMatchObject({ ok: false, fieldErrors: { company: [messageCode("enterField", { field: "company" })] } });
    expect(await registerCustomer(db(), demo, { ...form(email, { company: "Analytical Engines" }), customerType: "B2B" })).toEqual({ ok: true });
    const [customer] = await db().select().from(customers).where(eq(customers.email, email));
    expect(customer.attributes).toEqual({ company: "Analytical Engines" });
  });

  it("turns two simultaneous registrations into one customer and one activation e-mail", async () => {
    const email = uniqueEmail();
    const results = await Promise.all([registerCustomer(db(), demo, form(email)), registerCustomer(db(), demo, form(email))]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(await db().select().from(customers).where(eq(customers.email, email))).toHaveLength(1);
    expect(await outboxFor(email)).toHaveLength(1);
  });

  it("takes a full-width look-alike as the real address and refuses a Cyrillic one, storing nothing", async () => {
    const local = `alice${++counter}x${Date.now()}`;
    const email = `${local}@demo.test`;
    const like = (pattern: string) =>
      db().select().from(customers).where(and(eq(customers.shopId, demo.id), sql`${customers.email} like ${pattern}`));
    expect(await registerCustomer(db(), demo, form(email))).toEqual({ ok: true });

    // ａ is U+FF41 FULLWIDTH LATIN SMALL LETTER A: NFKC makes it the a of the first registration.
    expect(await registerCustomer(db(), demo, form(`\uFF41${local.slice(1)}@demo.test`))).toEqual({ ok: true });
    expect(await like(`%${local.slice(1)}@demo.test`)).toHaveLength(1);
    expect(await outboxFor(email)).toHaveLength(1); // the same customer's double submit, nothing new

    const before = await db().select({ n: sql<number>`count(*)::int` }).from(customers);
    const cyrillic = await registerCustomer(db(), demo, form(`\u0430${local.slice(1)}@demo.test`));
    expect(cyrillic).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { email: [emailMessages.mixedScripts] } });
    const invisible = await registerCustomer(db(), demo, form(`${local}\u200B@demo.test`));
    expect(invisible).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { email: [emailMessages.invisible] } });
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(customers)).toEqual(before);
    expect(await like(`%${local.slice(1)}@demo.test`)).toHaveLength(1);
  });
});
