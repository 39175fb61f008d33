import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { accountTokens, activityLog, customers, emailOutbox, registrationAttributes, shops, type Customer, type Shop } from "@/db/schema";
import { findSuppression, suppressAddress } from "@/lib/mail/suppression";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverAndReadMailbox, linkToken } from "@/lib/testing/mail";
import { activateAccount } from "./activation";
import ruEmails from "@/messages/ru/emails.json";
import { contactFormMessages } from "./contact-form";
import {
  callCentreReset,
  contactNotifications,
  createContact,
  findContact,
  liftContactSuppression,
  resendContactActivation,
  searchContacts,
  setContactActive,
  shopsWithTypes,
} from "./contacts";
import { resetPassword } from "./password-reset";
import { openCustomerSession, sessionCustomer } from "./sessions";
import { authenticateCustomer } from "./sign-in";
import { messageCode } from "@/i18n/message-code";

const agent = { id: "00000000-0000-4000-8000-00000000a9e7", email: "agent@example.com", shopIds: null };

describeOnDatabases("Office › Contacts", (db) => {
  let demo: Shop;
  let classic: Shop;
  let counter = 0;
  const email = (label = "contact") => `${label}${++counter}-${Date.now()}@example.com`;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });

  const mailFor = async (to: string, type: string) =>
    (await deliverAndReadMailbox(db())).filter((message) => message.to === to && message.type === type);

  async function contact(shop: Shop, label = "contact") {
    const address = email(label);
    const created = await createContact(db(), agent, { shopId: shop.id, customerType: "B2C", email: address, firstName: "Carla", lastName: "Contact" }, null);
    if (!created.ok) throw new Error(`create: ${created.reason}`);
    const [activation] = await mailFor(address, "storefront-account-activation");
    return { customer: created.customer, token: linkToken(activation, "activate"), activation };
  }

  it("creates a pending contact without a password whose 72-hour link asks for one", async () => {
    const { customer, activation, token } = await contact(demo);
    expect(customer).toMatchObject({ status: "pending", passwordHash: null, createdBy: agent.id });
    expect(activation.text).toMatch(/choose a password/i);
    const [row] = await db().select().from(accountTokens).where(eq(accountTokens.customerId, customer.id));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(72 * 3600_000);

    expect(await activateAccount(db(), demo, token, null)).toEqual({ ok: false, reason: "needs-password" });
    const weak = await activateAccount(db(), demo, token, null, { chosen: { password: "password1", confirmPassword: "password1" } });
    expect(weak).toMatchObject({ ok: false, reason: "rejected" });
    const chosen = "Carla-chose-42";
    expect(await activateAccount(db(), demo, token, null, { chosen: { password: chosen, confirmPassword: chosen } })).toMatchObject({ ok: true });
    expect(await mailFor(customer.email, "activation-successful")).toHaveLength(1);
    expect(await authenticateCustomer(db(), demo, { email: customer.email, password: chosen }, null)).toMatchObject({ ok: true });
  });

  it("says plainly that an e-mail exists in that shop, and refuses bad input", async () => {
    const { customer } = await contact(demo);
    const again = await createContact(db(), agent, { shopId: demo.id, customerType: "B2C", email: customer.email.toUpperCase(), firstName: "A", lastName: "B" }, null);
    expect(again).toEqual({ ok: false, reason: "exists" });
    const elsewhere = await createContact(db(), agent, { shopId: classic.id, customerType: "B2C", email: customer.email, firstName: "A", lastName: "B" }, null);
    expect(elsewhere.ok).toBe(true);
    expect(await createContact(db(), agent, { shopId: classic.id, customerType: "B2B", email: email(), firstName: "A", lastName: "B" }, null)).toMatchObject({
      fieldErrors: { customerType: [contactFormMessages.typeNotOffered] },
    });
    const bad = await createContact(db(), agent, { shopId: "x", customerType: "", email: "nope", firstName: "", lastName: "y".repeat(101) }, null);
    expect(bad).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("decides when the link is used whether it asks for a password: a shop gone automatic issues one", async () => {
    const { customer, token } = await contact(demo, "switch");
    const passwordFields = and(eq(registrationAttributes.shopId, demo.id), eq(registrationAttributes.customerType, "B2C"), sql`${registrationAttributes.attributeCode} in ('password', 'confirmPassword')`);
    const saved = await db().select().from(registrationAttributes).where(passwordFields);
    await db().delete(registrationAttributes).where(passwordFields);
    try {
      expect(await activateAccount(db(), demo, token, null)).toMatchObject({ ok: true });
      const [welcome] = await mailFor(customer.email, "activation-successful");
      const password = welcome.text.match(/password:\s*(\S{16,})/i)?.[1];
      expect(await authenticateCustomer(db(), demo, { email: customer.email, password }, null)).toMatchObject({ ok: true });
    } finally {
      await db().insert(registrationAttributes).values(saved);
    }
  });

  it("call-centre reset in link mode e-mails a reset link worded for a caller", async () => {
    const { customer, token } = await contact(demo, "caller");
    await activateAccount(db(), demo, token, null, { chosen: { password: "Caller-pass-77", confirmPassword: "Caller-pass-77" } });
    expect(await callCentreReset(db(), agent, customer.id, null)).toEqual({ ok: true, mode: "link" });
    const [reset] = await mailFor(customer.email, "storefront-password-reset");
    const [queued] = await db().select().from(emailOutbox).where(and(eq(emailOutbox.customerId, customer.id), eq(emailOutbox.type, "storefront-password-reset")));
    expect(queued.redacted).toMatchObject({ additionalData: { callCentrePasswordReset: true }, link: "[redacted]" });
    expect(reset.text).toMatch(/customer service/i);
    const fresh = "Caller-new-pass-88";
    expect(await resetPassword(db(), demo, linkToken(reset, "reset-password"), { password: fresh, confirmPassword: fresh }, null)).toMatchObject({ ok: true });
  });

  it("creates a contact in the language the agent chose among the shop's, its default when none, and refuses others", async () => {
    const create = (label: string, locale?: unknown) =>
      createContact(db(), agent, { shopId: demo.id, customerType: "B2C", email: email(label), firstName: "Lang", lastName: "Uage", ...(locale === undefined ? {} : { locale }) }, null);
    const russian = await create("ru", "ru");
    expect(russian.ok && russian.customer.locale).toBe("ru");
    const [activation] = await mailFor(russian.ok ? russian.customer.email : "", "storefront-account-activation");
    expect(activation.subject).toBe("Demo Shop: Активируйте учётную запись");
    const plain = await create("default");
    expect(plain.ok && plain.customer.locale).toBe(demo.defaultLocale);
    for (const refused of ["fr", "x".repeat(40), ["ru"]]) {
      const result = await create("refused", refused);
      expect(result).toMatchObject({ ok: false, reason: "invalid" });
      expect(result.ok === false && "fieldErrors" in result && result.fieldErrors.locale).toEqual([contactFormMessages.languageNotOffered]);
    }
  });

  it("writes an agent's call-centre reset in the customer's own language, not the agent's (SPEC §9)", async () => {
    const { customer, token } = await contact(demo, "russian");
    await activateAccount(db(), demo, token, null, { chosen: { password: "Caller-pass-77", confirmPassword: "Caller-pass-77" } });
    await db().update(customers).set({ locale: "ru" }).where(eq(customers.id, customer.id));
    expect(await callCentreReset(db(), agent, customer.id, null)).toEqual({ ok: true, mode: "link" });
    const [reset] = await mailFor(customer.email, "storefront-password-reset");
    expect(reset.subject).toBe("Demo Shop: Сброс пароля");
    expect(reset.text).toContain(ruEmails["storefront-password-reset"].byCallCentre);
    expect(linkToken(reset, "reset-password")).toHaveLength(43);
  });

  it("call-centre reset in generated mode sets a password meeting the shop's policy and ends sessions", async () => {
    await db().update(shops).set({ callCentreResetMode: "generated" }).where(eq(shops.id, demo.id));
    try {
      const { customer, token } = await contact(demo, "generated");
      await activateAccount(db(), demo, token, null, { chosen: { password: "Before-reset-1", confirmPassword: "Before-reset-1" } });
      const [active] = await db().select().from(customers).where(eq(customers.id, customer.id));
      const session = await openCustomerSession(db(), active, null);
      expect(await sessionCustomer(db(), demo.id, session)).not.toBeNull();
      expect(await callCentreReset(db(), agent, customer.id, null)).toEqual({ ok: true, mode: "generated" });
      expect(await sessionCustomer(db(), demo.id, session)).toBeNull();
      const [done] = await mailFor(customer.email, "reset-password-successful");
      const [queued] = await db().select().from(emailOutbox).where(and(eq(emailOutbox.customerId, customer.id), eq(emailOutbox.type, "reset-password-successful")));
      expect(queued.redacted).toMatchObject({ additionalData: { callCentrePasswordReset: true }, password: "[redacted]" });
      const password = done.text.match(/password:\s*(\S{16,})/i)?.[1] ?? "";
      expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*[0-9]).*$/);
      expect(await authenticateCustomer(db(), demo, { email: customer.email, password }, null)).toMatchObject({ ok: true });
    } finally {
      await db().update(shops).set({ callCentreResetMode: "link" }).where(eq(shops.id, demo.id));
    }
  });

  it("resends activation only while pending; deactivation blocks sign-in and reactivation restores it", async () => {
    const { customer, token } = await contact(demo, "status");
    expect(await resendContactActivation(db(), agent, customer.id, null)).toEqual({ ok: true });
    expect(await callCentreReset(db(), agent, customer.id, null)).toEqual({ ok: false, reason: "not-active" });
    const [, newest] = (await mailFor(customer.email, "storefront-account-activation")).reverse();
    expect(await activateAccount(db(), demo, token, null)).toEqual({ ok: false, reason: "invalid" });
    const password = "Status-pass-55";
    await activateAccount(db(), demo, linkToken(newest, "activate"), null, { chosen: { password, confirmPassword: password } });
    expect(await resendContactActivation(db(), agent, customer.id, null)).toEqual({ ok: false, reason: "not-pending" });
    const [active] = await db().select().from(customers).where(eq(customers.id, customer.id));
    const session = await openCustomerSession(db(), active, null);
    await setContactActive(db(), agent, customer.id, false, null);
    expect(await sessionCustomer(db(), demo.id, session)).toBeNull();
    expect(await authenticateCustomer(db(), demo, { email: customer.email, password }, null)).toEqual({ ok: false, reason: "disabled" });
    await setContactActive(db(), agent, customer.id, true, null);
    expect(await authenticateCustomer(db(), demo, { email: customer.email, password }, null)).toMatchObject({ ok: true });
  });

  it("shows a bounced activation in the list, suppresses the next e-mail, and lifts the suppression in scope only", async () => {
    const { customer } = await contact(demo, "bounced");
    const listed = async () => (await searchContacts(db(), { q: customer.email }, null)).rows[0].activationProblem;
    expect(await listed()).toBeNull();
    // What a hard-bounce webhook leaves behind (lib/mail/webhooks.test.ts proves the webhook itself).
    const [activation] = await db().select().from(emailOutbox).where(eq(emailOutbox.customerId, customer.id));
    await db().update(emailOutbox).set({ status: "bounced" }).where(eq(emailOutbox.id, activation.id));
    await suppressAddress(db(), customer.email, "bounce", activation.id);
    expect(await listed()).toBe("bounced");

    expect(await resendContactActivation(db(), agent, customer.id, null)).toEqual({ ok: true });
    // Only the first, bounced one is in the mailbox.
    expect(await mailFor(customer.email, "storefront-account-activation")).toHaveLength(1);
    expect(await listed()).toBe("suppressed");

    const classicOnly = { ...agent, shopIds: [classic.id] };
    expect(await liftContactSuppression(db(), classicOnly, customer.id, null)).toEqual({ ok: false, reason: "not-found" });
    expect(await findSuppression(db(), customer.email)).not.toBeNull();
    expect(await liftContactSuppression(db(), agent, customer.id, "198.51.100.4")).toEqual({ ok: true });
    expect(await liftContactSuppression(db(), agent, customer.id, null)).toEqual({ ok: false, reason: "not-suppressed" });
    const [logged] = await db().select().from(activityLog).where(and(eq(activityLog.customerId, customer.id), eq(activityLog.action, "email.suppression-lifted")));
    expect(logged).toMatchObject({ actorType: "staff", actorId: agent.id, shopId: demo.id, ip: "198.51.100.4" });

    expect(await resendContactActivation(db(), agent, customer.id, null)).toEqual({ ok: true });
    expect(await mailFor(customer.email, "storefront-account-activation")).toHaveLength(2);
    expect(await listed()).toBeNull();
  });

  it("searches by part of the e-mail or name, filters, pages, and takes hostile strings safely", async () => {
    const tag = `zq${Date.now().toString(36)}`;
    for (let i = 0; i < 30; i++) {
      await db().insert(customers).values({ shopId: i % 2 ? demo.id : classic.id, customerType: "B2C", email: `${tag}.${String(i).padStart(2, "0")}@example.com`, firstName: "Olga", lastName: `Tokarczuk${tag}`, status: i % 3 ? "active" : "pending" });
    }
    const first = await searchContacts(db(), { q: tag }, null);
    expect(first.total).toBe(30);
    expect(first.rows).toHaveLength(25);
    const second = await searchContacts(db(), { q: tag, after: first.next! }, null);
    expect(second.rows).toHaveLength(5);
    expect(second.next).toBeNull();
    const seen = [...first.rows, ...second.rows];
    expect(new Set(seen.map((row) => row.email))).toEqual(new Set([...Array(30).keys()].map((i) => `${tag}.${String(i).padStart(2, "0")}@example.com`)));
    const times = seen.map((row) => row.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first
    expect((await searchContacts(db(), { q: `olga tokarczuk${tag}`.toUpperCase() }, null)).total).toBe(30);
    expect((await searchContacts(db(), { q: tag, shopId: demo.id, status: "active" }, null)).total).toBe(10);
    expect((await searchContacts(db(), { q: "zq" }, null)).tooShort).toBe(true);
    for (const hostile of ["%", "%%%", "___", "'; drop table customers; --", "\\", '"', "x".repeat(10_000), "🚀🚀🚀"]) {
      const page = await searchContacts(db(), { q: hostile, after: hostile, shopId: hostile, status: hostile, customerType: hostile, created: hostile, signin: hostile }, null);
      expect(page.rows.every((row) => row.email.includes(hostile.trim().slice(0, 200).toLowerCase()))).toBe(true);
    }
  });

  it("counts a common fragment as more than 1,000, pages it newest first, and answers filters that rule it out", async () => {
    const tag = `zm${Date.now().toString(36)}`;
    // 1,005 Demo Shop consumers, one a second back from now, and 3 businesses among them (ranks 2, 500 and 1,004).
    await db().execute(sql`insert into customers (shop_id, customer_type, email, first_name, last_name, status, created_at)
      select ${demo.id}::uuid, case when n in (2, 500, 1004) then 'B2B' else 'B2C' end, ${tag} || '.' || n || '@example.com',
             'Many', 'Matches', 'active', now() - n * interval '1 second'
      from generate_series(1, 1005) as n`);
    const addresses = (from: number, to: number) => [...Array(to - from + 1).keys()].map((i) => `${tag}.${from + i}@example.com`);
    const first = await searchContacts(db(), { q: tag }, null);
    expect(first).toMatchObject({ total: 1000, more: true, tooShort: false });
    expect(first.rows.map((row) => row.email)).toEqual(addresses(1, 25));
    const second = await searchContacts(db(), { q: tag.toUpperCase(), after: first.next! }, null);
    expect(second).toMatchObject({ total: 1000, more: true });
    expect(second.rows.map((row) => row.email)).toEqual(addresses(26, 50));
    // Common in the table, rare or absent within the filters: counted exactly, newest first.
    const business = await searchContacts(db(), { q: tag, shopId: demo.id, customerType: "B2B" }, null);
    expect(business).toMatchObject({ total: 3, more: false, next: null });
    expect(business.rows.map((row) => row.email)).toEqual([2, 500, 1004].map((n) => `${tag}.${n}@example.com`));
    expect(await searchContacts(db(), { q: tag, shopId: classic.id }, null)).toMatchObject({ total: 0, more: false, rows: [] });
    expect((await searchContacts(db(), { q: tag, status: "disabled" }, null)).total).toBe(0);
    expect((await searchContacts(db(), { q: tag }, [classic.id])).total).toBe(0);
    // E-mail and name are searched each on its own: no match runs from the end of one into the other.
    expect((await searchContacts(db(), { q: `${tag}.1005@example.com` }, null)).total).toBe(1);
    expect((await searchContacts(db(), { q: "example.commany" }, null)).total).toBe(0);
    expect((await searchContacts(db(), { q: "example.com many" }, null)).total).toBe(0);
    expect((await searchContacts(db(), { q: `many matches` }, null)).total).toBe(1000);
  });

  it("pages through contacts created within one millisecond without skipping any", async () => {
    const tag = `zu${Date.now().toString(36)}`;
    for (let i = 0; i < 30; i++) {
      const createdAt = sql`${`2026-01-01 00:00:00.0000${i + 10}+00`}::timestamptz`;
      await db().insert(customers).values({ shopId: demo.id, customerType: "B2C", email: `${tag}.${i}@example.com`, firstName: "Micro", lastName: tag, createdAt });
    }
    const first = await searchContacts(db(), { q: tag }, null);
    const second = await searchContacts(db(), { q: tag, after: first.next! }, null);
    expect([...first.rows, ...second.rows].map((row) => row.email)).toEqual([...Array(30).keys()].reverse().map((i) => `${tag}.${i}@example.com`));
  });

  it("captures the type's registration attributes without passwords, as they are when the form arrives", async () => {
    const b2b = (values: Record<string, string>) =>
      createContact(db(), agent, { shopId: demo.id, customerType: "B2B", firstName: "Bea", lastName: "Business", ...values }, null);
    const missing = email("b2b");
    expect(await b2b({ email: missing })).toEqual({ ok: false, reason: "invalid", fieldErrors: { company: [messageCode("enterField", { field: "company" })] } });
    expect(await db().select().from(customers).where(eq(customers.email, missing))).toEqual([]);
    expect(await b2b({ email: email("b2b"), company: "x".repeat(101) })).toMatchObject({ fieldErrors: { company: [messageCode("tooLong", { max: 100 })] } });

    const address = email("b2b");
    const created = await b2b({ email: address, company: " <b>Acme & Co</b> ", password: "Sneaky-pass-1", confirmPassword: "Sneaky-pass-1", role: "admin" });
    if (!created.ok) throw new Error(`create: ${created.reason}`);
    expect(created.customer).toMatchObject({ customerType: "B2B", firstName: "Bea", passwordHash: null, attributes: { company: "<b>Acme & Co</b>" } });
    const details = await findContact(db(), created.customer.id, null);
    expect(details?.attributes).toEqual([{ code: "company", label: "Company", value: "<b>Acme & Co</b>" }]);

    // The form that counts is the one in force now: without the company attribute, none is asked for.
    const companyField = and(eq(registrationAttributes.shopId, demo.id), eq(registrationAttributes.customerType, "B2B"), eq(registrationAttributes.attributeCode, "company"));
    const [saved] = await db().select().from(registrationAttributes).where(companyField);
    await db().delete(registrationAttributes).where(companyField);
    try {
      const plain = await b2b({ email: email("b2b") });
      expect(plain).toMatchObject({ ok: true, customer: { attributes: {} } });
    } finally {
      await db().insert(registrationAttributes).values(saved);
    }
    const offered = (await shopsWithTypes(db(), null)).find((shop) => shop.id === demo.id)!;
    expect(offered.types.map((type) => [type.code, type.attributes.map((attribute) => attribute.code)])).toEqual([
      ["B2C", ["email", "firstName", "lastName"]],
      ["B2B", ["email", "firstName", "lastName", "company"]],
    ]);
  });

  it("confines search, details, notifications and every action to the agent's shops: another shop's contact does not exist", async () => {
    const classicAgent = { ...agent, shopIds: [classic.id] };
    const nowhere = { ...agent, shopIds: [] };
    const tag = `sc${Date.now().toString(36)}`;
    for (let i = 0; i < 30; i++) {
      await db().insert(customers).values({ shopId: i % 3 ? demo.id : classic.id, customerType: "B2C", email: `${tag}.${String(i).padStart(2, "0")}@example.com`, status: "active" });
    }
    const classicOnly = (rows: { shopName: string }[]) => rows.every((row) => row.shopName === "Classic Shop");
    const scoped = await searchContacts(db(), { q: tag }, [classic.id]);
    expect(scoped.total).toBe(10);
    expect(classicOnly(scoped.rows)).toBe(true);
    // A forged shop filter, or a cursor taken from an all-shops page, still finds nothing of Demo Shop.
    expect((await searchContacts(db(), { q: tag, shopId: demo.id }, [classic.id])).total).toBe(0);
    const everything = await searchContacts(db(), { q: tag }, null);
    expect(everything.total).toBe(30);
    const next = await searchContacts(db(), { q: tag, after: everything.next! }, [classic.id]);
    expect(next.rows.length).toBeGreaterThan(0);
    expect(classicOnly(next.rows)).toBe(true);
    expect((await searchContacts(db(), { q: tag }, [])).total).toBe(0);
    expect((await searchContacts(db(), {}, [classic.id])).rows.every((row) => row.shopName === "Classic Shop")).toBe(true);
    expect((await shopsWithTypes(db(), [classic.id])).map((shop) => shop.name)).toEqual(["Classic Shop"]);

    const { customer: demoContact } = await contact(demo, "scoped-demo");
    const { customer: classicContact } = await contact(classic, "scoped-classic");
    expect(await findContact(db(), demoContact.id, [classic.id])).toBeNull();
    expect(await findContact(db(), demoContact.id, [])).toBeNull();
    expect((await findContact(db(), classicContact.id, [classic.id]))?.customer.id).toBe(classicContact.id);
    expect(await contactNotifications(db(), demoContact.id, [classic.id])).toEqual([]);
    expect(await contactNotifications(db(), classicContact.id, [classic.id])).toHaveLength(1);

    const before = await db().select().from(customers).where(eq(customers.id, demoContact.id));
    const outbox = async (customer: Customer) => (await db().select().from(emailOutbox).where(eq(emailOutbox.customerId, customer.id))).length;
    const mails = await outbox(demoContact);
    for (const someone of [classicAgent, nowhere]) {
      expect(await resendContactActivation(db(), someone, demoContact.id, null)).toEqual({ ok: false, reason: "not-found" });
      expect(await callCentreReset(db(), someone, demoContact.id, null)).toEqual({ ok: false, reason: "not-found" });
      expect(await setContactActive(db(), someone, demoContact.id, false, null)).toEqual({ ok: false, reason: "not-found" });
    }
    expect(await db().select().from(customers).where(eq(customers.id, demoContact.id))).toEqual(before);
    expect(await outbox(demoContact)).toBe(mails);
    expect(await resendContactActivation(db(), classicAgent, classicContact.id, null)).toEqual({ ok: true });

    // New contact: a shop outside the scope is refused like an unknown one, and nothing is created.
    const forged = email("forged");
    const refused = await createContact(db(), classicAgent, { shopId: demo.id, customerType: "B2C", email: forged, firstName: "F", lastName: "G" }, null);
    expect(refused).toEqual({ ok: false, reason: "invalid", fieldErrors: { shopId: [contactFormMessages.shop] } });
    const unknown = await createContact(db(), classicAgent, { shopId: "00000000-0000-4000-8000-000000000001", customerType: "B2C", email: forged, firstName: "F", lastName: "G" }, null);
    expect(unknown).toEqual(refused);
    expect(await db().select().from(customers).where(eq(customers.email, forged))).toEqual([]);
    expect(await createContact(db(), classicAgent, { shopId: classic.id, customerType: "B2C", email: forged, firstName: "F", lastName: "G" }, null)).toMatchObject({ ok: true });
  });
});
