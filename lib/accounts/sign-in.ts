import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, type Customer, type Shop } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { clearFailures, currentBlock, limits, recordFailure } from "@/lib/limits";
import { hashPassword, verifyPassword } from "@/lib/passwords/hash";
import { PASSWORD_MAX } from "@/lib/passwords/policy";
import { emailField } from "@/lib/shops/registration-form";
import { findCustomer } from "./customers";

export type SignInResult =
  | { ok: true; customer: Customer }
  | { ok: false; reason: "invalid" | "pending" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a customer's credentials in one shop. Every failure costs one argon2 verification, known e-mail or not,
 * and a pending account is only told so after its password was verified. Failures per account and per client
 * address slow further attempts down (unknown e-mails alike, so a delay reveals nothing).
 */
export async function authenticateCustomer(
  db: Db,
  shop: Shop,
  credentials: { email: unknown; password: unknown },
  ip: string | null,
): Promise<SignInResult> {
  const email = emailField.safeParse(credentials.email);
  const password = typeof credentials.password === "string" ? credentials.password : "";
  const account = email.success ? `${shop.id}:${email.data}` : null;
  const block = await currentBlock(db, [
    { rule: limits.signInFailuresPerAccount, subject: account },
    { rule: limits.signInFailuresPerAddress, subject: ip },
  ]);
  const customer = email.success ? await findCustomer(db, shop.id, email.data) : null;
  const usable = password.length > 0 && password.length <= PASSWORD_MAX;

  const log = (action: string, details: Record<string, unknown> = {}) =>
    recordActivity(db, {
      action,
      actorType: customer ? "customer" : "anonymous",
      actorId: customer?.id,
      shopId: shop.id,
      customerId: customer?.id,
      email: email.success ? email.data : null,
      ip,
      details,
    });

  if (!block.ok) {
    await log("customer.sign-in-throttled");
    return { ok: false, reason: "throttled", retryAfterSeconds: block.retryAfterSeconds };
  }
  const { valid, needsRehash } = await verifyPassword(usable ? (customer?.passwordHash ?? null) : null, password);
  if (!customer || !valid || customer.status === "disabled") {
    await log("customer.sign-in-failed", { reason: !customer ? "unknown" : !valid ? "password" : "disabled" });
    await recordFailure(db, limits.signInFailuresPerAccount, account);
    await recordFailure(db, limits.signInFailuresPerAddress, ip);
    return { ok: false, reason: "invalid" };
  }
  if (customer.status === "pending") {
    await log("customer.sign-in-failed", { reason: "pending" });
    return { ok: false, reason: "pending" };
  }
  if (needsRehash) {
    await db.update(customers).set({ passwordHash: await hashPassword(password) }).where(eq(customers.id, customer.id));
  }
  await clearFailures(db, limits.signInFailuresPerAccount, account);
  await log("customer.signed-in");
  return { ok: true, customer };
}
