import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { accountTokens, customerSessions, customers, emailOutbox, shops, type Shop } from "@/db/schema";
import { hashPassword } from "@/lib/passwords/hash";
import { TOO_COMMON } from "@/lib/passwords/policy";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverAndReadMailbox, linkToken } from "@/lib/testing/mail";
import { inspectResetLink, requestPasswordReset, resetPassword } from "./password-reset";
import { openCustomerSession, sessionCustomer } from "./sessions";
import { authenticateCustomer } from "./sign-in";
import { inEnglish } from "@/i18n/english";

const OLD = "correct horse 1";
const NEW = "Brand-new-secret-7";

describeOnDatabases("password reset", (db) => {
  let demo: Shop;
  let classic: Shop;
  let counter = 0;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });

  async function customer(shop: Shop, status: "active" | "pending" = "active") {
    const email = `reset${++counter}-${Date.now()}@example.com`;
    const [row] = await db()
      .insert(customers)
      .values({ shopId: shop.id, customerType: "B2C", email, firstName: "Joan", passwordHash: await hashPassword(OLD), status })
      .returning();
    return row;
  }

  const mailFor = async (email: string, type: string) =>
    (await deliverAndReadMailbox(db())).filter((message) => message.to === email && message.type === type);

  const forget = (email: string) => db().execute(sql`update email_outbox set created_at = created_at - interval '5 minutes' where recipient = ${email}`);

  it("e-mails a reset link to an active account, the activation e-mail to a pending one, nothing to others", async () => {
    const active = await customer(demo);
    const pending = await customer(demo, "pending");
    await requestPasswordReset(db(), demo, active.email, null);
    await requestPasswordReset(db(), demo, pending.email, null);
    await requestPasswordReset(db(), demo, "nobody@example.com", null);
    await requestPasswordReset(db(), classic, active.email, null);
    const [reset] = await mailFor(active.email, "storefront-password-reset");
    expect(reset.text).toContain("/reset-password/");
    expect(await mailFor(active.email, "storefront-account-activation")).toHaveLength(0);
    expect(await mailFor(pending.email, "storefront-account-activation")).toHaveLength(1);
    expect(await mailFor(pending.email, "storefront-password-reset")).toHaveLength(0);
    expect((await deliverAndReadMailbox(db())).filter((message) => message.to === "nobody@example.com")).toHaveLength(0);
  });

  it("sets the chosen password, ends every session, sends Reset Password Was Successful, and works once", async () => {
    const active = await customer(demo);
    await requestPasswordReset(db(), demo, active.email, null);
    const token = linkToken((await mailFor(active.email, "storefront-password-reset"))[0], "reset-password");
    expect(await inspectResetLink(db(), demo, token)).toMatchObject({ ok: true, mode: "user-controlled", email: active.email });
    expect(await inspectResetLink(db(), classic, token)).toEqual({ ok: false });

    const session = await openCustomerSession(db(), active, null);
    expect(await sessionCustomer(db(), demo.id, session)).not.toBeNull();
    expect(await resetPassword(db(), demo, token, { password: NEW, confirmPassword: NEW }, null)).toEqual({ ok: true, generated: false });
    expect(await sessionCustomer(db(), demo.id, session)).toBeNull();
    const [ended] = await db().select().from(customerSessions).where(eq(customerSessions.id, session));
    expect(ended.endedAt).not.toBeNull();
    expect(await authenticateCustomer(db(), demo, { email: active.email, password: NEW }, null)).toMatchObject({ ok: true });
    expect(await authenticateCustomer(db(), demo, { email: active.email, password: OLD }, null)).toMatchObject({ ok: false });
    const [done] = await mailFor(active.email, "reset-password-successful");
    expect(done.text).not.toContain(NEW);
    expect(await resetPassword(db(), demo, token, { password: "Another-one-8", confirmPassword: "Another-one-8" }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses weak, common, mismatched and policy-breaking passwords without using the link", async () => {
    const active = await customer(demo);
    await requestPasswordReset(db(), demo, active.email, null);
    const token = linkToken((await mailFor(active.email, "storefront-password-reset"))[0], "reset-password");
    const attempts: [Record<string, unknown>, string, string][] = [
      [{ password: "Password1", confirmPassword: "Password1" }, "password", TOO_COMMON],
      [{ password: "onlyletters", confirmPassword: "onlyletters" }, "password", "Use at least one letter and one digit."],
      [{ password: "short1", confirmPassword: "short1" }, "password", "Use at least 8 characters."],
      [{ password: active.email, confirmPassword: active.email }, "password", "Your password must not be your e-mail address."],
      [{ password: NEW, confirmPassword: `${NEW}x` }, "confirmPassword", "The passwords do not match."],
      [{ password: ["x"], confirmPassword: { a: 1 } }, "password", "Invalid input: expected string, received array"],
    ];
    for (const [input, field, message] of attempts) {
      const result = await resetPassword(db(), demo, token, input, null);
      expect(result).toMatchObject({ ok: false, reason: "rejected" });
      if (!result.ok && result.reason === "rejected") expect(result.fieldErrors[field]?.map(inEnglish)).toContain(message);
    }
    expect(await resetPassword(db(), demo, token, { password: NEW, confirmPassword: NEW }, null)).toMatchObject({ ok: true });
  });

  it("lets exactly one of twenty simultaneous uses of a link reset the password", async () => {
    const active = await customer(demo);
    await requestPasswordReset(db(), demo, active.email, null);
    const token = linkToken((await mailFor(active.email, "storefront-password-reset"))[0], "reset-password");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => resetPassword(db(), demo, token, { password: `${NEW}-${i}`, confirmPassword: `${NEW}-${i}` }, null)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(19);
    expect(await mailFor(active.email, "reset-password-successful")).toHaveLength(1);
  });

  const queuedFor = async (email: string, type: string) =>
    db().select().from(emailOutbox).where(and(eq(emailOutbox.recipient, email), eq(emailOutbox.type, type)));

  it("sends a new link right after the previous one was used (My account after a reset)", async () => {
    const active = await customer(demo);
    await requestPasswordReset(db(), demo, active.email, null);
    const token = linkToken((await mailFor(active.email, "storefront-password-reset"))[0], "reset-password");
    expect(await resetPassword(db(), demo, token, { password: NEW, confirmPassword: NEW }, null)).toEqual({ ok: true, generated: false });
    await requestPasswordReset(db(), demo, active.email, null);
    const links = (await mailFor(active.email, "storefront-password-reset")).map((message) => linkToken(message, "reset-password"));
    expect(links).toHaveLength(2);
    const fresh = links.find((link) => link !== token)!;
    expect(await inspectResetLink(db(), demo, fresh)).toMatchObject({ ok: true });
  });

  it("suppresses only a true double submit: one e-mail, unless the first one failed", async () => {
    const active = await customer(demo);
    await requestPasswordReset(db(), demo, active.email, null);
    await requestPasswordReset(db(), demo, active.email, null);
    expect(await queuedFor(active.email, "storefront-password-reset")).toHaveLength(1);

    await db().update(emailOutbox).set({ status: "failed" }).where(eq(emailOutbox.recipient, active.email));
    await requestPasswordReset(db(), demo, active.email, null);
    const queued = await queuedFor(active.email, "storefront-password-reset");
    expect(queued.map((row) => row.status).sort()).toEqual(["failed", "queued"]);
  });

  it("supersedes an older link with a newer one and expires links after the shop's lifetime", async () => {
    const active = await customer(demo);
    await requestPasswordReset(db(), demo, active.email, null);
    const older = linkToken((await mailFor(active.email, "storefront-password-reset"))[0], "reset-password");
    await forget(active.email);
    await requestPasswordReset(db(), demo, active.email, null);
    const links = (await mailFor(active.email, "storefront-password-reset")).map((message) => linkToken(message, "reset-password"));
    const newer = links.find((link) => link !== older)!;
    expect(older).not.toBe(newer);
    expect(await resetPassword(db(), demo, older, { password: NEW, confirmPassword: NEW }, null)).toEqual({ ok: false, reason: "invalid" });

    const [token] = await db()
      .select({ expiresAt: accountTokens.expiresAt, createdAt: accountTokens.createdAt })
      .from(accountTokens)
      .where(and(eq(accountTokens.customerId, active.id), isNull(accountTokens.supersededAt)));
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(3600_000);
    const oneHourLater = new Date(Date.now() + 3600_000 + 1000);
    expect(await resetPassword(db(), demo, newer, { password: NEW, confirmPassword: NEW }, null, oneHourLater)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await resetPassword(db(), demo, newer, { password: NEW, confirmPassword: NEW }, null)).toMatchObject({ ok: true });
  });

  it("issues and e-mails a generated password in automatic mode", async () => {
    const active = await customer(classic);
    await requestPasswordReset(db(), classic, active.email, null);
    const token = linkToken((await mailFor(active.email, "storefront-password-reset"))[0], "reset-password");
    expect(await inspectResetLink(db(), classic, token)).toMatchObject({ ok: true, mode: "automatic" });
    expect(await resetPassword(db(), classic, token, {}, null)).toEqual({ ok: true, generated: true });
    const [done] = await mailFor(active.email, "reset-password-successful");
    const password = done.text.match(/password:\s*(\S{16,})/i)?.[1];
    expect(await authenticateCustomer(db(), classic, { email: active.email, password }, null)).toMatchObject({ ok: true });
  });
});
