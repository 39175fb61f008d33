import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { emailOutbox, registrationAttributes, shops, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverAndReadMailbox, linkToken } from "@/lib/testing/mail";
import { activateAccount, resendActivation } from "./activation";
import { createContact } from "./contacts";
import { registerCustomer } from "./registration";

const agent = { id: "00000000-0000-4000-8000-00000000a9e8", email: "agent@example.com", shopIds: null };
const choosing = /choose a password/i;
const emailing = /e-mail you a password/i;

/** SPEC §6 `setPassword`: what the activation e-mail promises follows the password mode in force when it is sent. */
describeOnDatabases("Storefront account activation wording", (db) => {
  let demo: Shop;
  let classic: Shop;
  let counter = 0;
  const address = (label: string) => `${label}${++counter}-${Date.now()}@example.com`;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });

  /** The newest activation e-mail to `to`: its redacted variables (what the back office shows) and its text. */
  async function activationTo(to: string) {
    const [row] = await db()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.recipient, to), eq(emailOutbox.type, "storefront-account-activation")))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1);
    const message = (await deliverAndReadMailbox(db())).find((m) => m.to === to && m.type === "storefront-account-activation");
    if (!row || !message) throw new Error(`No activation e-mail to ${to}`);
    return { redacted: row.redacted as Record<string, unknown>, text: message.text, html: message.html, token: linkToken(message, "activate") };
  }

  async function contactOn(shop: Shop, label: string): Promise<string> {
    const email = address(label);
    const created = await createContact(db(), agent, { shopId: shop.id, customerType: "B2C", email, firstName: "Carla", lastName: "Contact" }, null);
    if (!created.ok) throw new Error(`createContact: ${created.reason}`);
    return email;
  }

  it("a contact created on Classic (automatic) is promised an e-mailed password, never a choice", async () => {
    const email = await contactOn(classic, "classic-contact");
    const { redacted, text, html, token } = await activationTo(email);
    expect(redacted).toMatchObject({ setPassword: false, generatedPassword: true, link: "[redacted]" });
    expect(text).not.toMatch(choosing);
    expect(html).not.toMatch(choosing);
    expect(text).toMatch(emailing);
    // …and the link does what the e-mail said.
    expect(await activateAccount(db(), classic, token, null)).toMatchObject({ ok: true, generatedPassword: true });
  });

  it("a self-registered Classic shopper is promised an e-mailed password too", async () => {
    const email = address("classic-self");
    await registerCustomer(db(), classic, { customerType: "B2C", ip: null, values: { email, firstName: "Clara", lastName: "Schumann" } });
    const { redacted, text } = await activationTo(email);
    expect(redacted).toMatchObject({ setPassword: false, generatedPassword: true });
    expect(text).not.toMatch(choosing);
    expect(text).toMatch(emailing);
  });

  it("a contact created on Demo (user-controlled, no password yet) is asked to choose one", async () => {
    const email = await contactOn(demo, "demo-contact");
    const { redacted, text, token } = await activationTo(email);
    expect(redacted).toMatchObject({ setPassword: true, generatedPassword: false });
    expect(text).toMatch(/you will be asked to choose a password first/);
    expect(text).not.toMatch(emailing);
    expect(await activateAccount(db(), demo, token, null)).toEqual({ ok: false, reason: "needs-password" });
  });

  it("a Demo shopper who chose a password at registration just activates", async () => {
    const email = address("demo-self");
    const password = "Chosen-at-signup-7";
    await registerCustomer(db(), demo, { customerType: "B2C", ip: null, values: { email, firstName: "Ada", lastName: "Lovelace", password, confirmPassword: password } });
    const { redacted, text } = await activationTo(email);
    expect(redacted).toMatchObject({ setPassword: false, generatedPassword: false });
    expect(text).not.toMatch(choosing);
    expect(text).not.toMatch(emailing);
  });

  it("a resend follows the mode at the time of sending, not the one the first e-mail was sent in", async () => {
    const email = await contactOn(demo, "demo-switch");
    expect((await activationTo(email)).redacted).toMatchObject({ setPassword: true });
    const passwordFields = and(
      eq(registrationAttributes.shopId, demo.id),
      eq(registrationAttributes.customerType, "B2C"),
      sql`${registrationAttributes.attributeCode} in ('password', 'confirmPassword')`,
    );
    const saved = await db().select().from(registrationAttributes).where(passwordFields);
    await db().delete(registrationAttributes).where(passwordFields);
    try {
      await db().update(emailOutbox).set({ createdAt: sql`${emailOutbox.createdAt} - interval '5 minutes'` }).where(eq(emailOutbox.recipient, email));
      await resendActivation(db(), demo, email, null);
      const { redacted, text } = await activationTo(email);
      expect(redacted).toMatchObject({ setPassword: false, generatedPassword: true });
      expect(text).not.toMatch(choosing);
    } finally {
      await db().insert(registrationAttributes).values(saved);
    }
  });
});
