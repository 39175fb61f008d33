import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { customers, type Customer, type Shop } from "@/db/schema";
import { activityInsert, recordActivity, type ActivityEntry } from "@/lib/activity";
import { attemptSucceeded, reserveAttempt, signInSubjects, succeededAttempt } from "@/lib/limits";
import { clientColumns, type SessionClient } from "@/lib/sessions";
import { hashPassword, verifyPassword } from "@/lib/passwords/hash";
import { PASSWORD_MAX } from "@/lib/passwords/policy";
import { emailField } from "@/lib/shops/registration-form";
import { findCustomer } from "./customers";
import { customerSessionInsert } from "./sessions";

export type SignInResult =
  | { ok: true; customer: Customer; sessionId: string }
  | { ok: false; reason: "invalid" | "pending" | "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a customer's credentials in one shop. Every failure costs one argon2 verification, known e-mail or not,
 * and a pending or deactivated account is only told so after its password was verified (a deactivated one keeps
 * its attempt counted as a failure). Each attempt is counted as a failure per
 * account and per client address before its password is verified (unknown e-mails alike, so a delay reveals nothing),
 * so simultaneous guesses cannot get past the limit; the right password takes its count back. A success opens a
 * session (the id the cookie will name); taking the count back, its activity entry and the session are one statement.
 */
export async function authenticateCustomer(
  db: Db,
  shop: Shop,
  credentials: { email: unknown; password: unknown },
  client: SessionClient | null,
): Promise<SignInResult> {
  const { ip } = clientColumns(client);
  const email = emailField.safeParse(credentials.email);
  const password = typeof credentials.password === "string" ? credentials.password : "";
  const account = email.success ? `${shop.id}:${email.data}` : null;
  const [reservation, customer] = await Promise.all([
    reserveAttempt(db, signInSubjects(account, ip)),
    email.success ? findCustomer(db, shop.id, email.data) : null,
  ]);
  const usable = password.length > 0 && password.length <= PASSWORD_MAX;

  const entry = (action: string, details: Record<string, unknown> = {}): ActivityEntry => ({
    action,
    actorType: customer ? "customer" : "anonymous",
    actorId: customer?.id,
    shopId: shop.id,
    customerId: customer?.id,
    email: email.success ? email.data : null,
    ip,
    details,
  });
  const log = (action: string, details?: Record<string, unknown>) => recordActivity(db, entry(action, details));

  if (!reservation.ok) {
    await log("customer.sign-in-throttled");
    return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const { valid, needsRehash } = await verifyPassword(usable ? (customer?.passwordHash ?? null) : null, password);
  if (!customer || !valid) {
    await log("customer.sign-in-failed", { reason: !customer ? "unknown" : "password" });
    return { ok: false, reason: "invalid" };
  }
  if (customer.status === "disabled") {
    await log("customer.sign-in-failed", { reason: "disabled" });
    return { ok: false, reason: "disabled" };
  }
  if (customer.status === "pending") {
    await attemptSucceeded(db, reservation);
    await log("customer.sign-in-failed", { reason: "pending" });
    return { ok: false, reason: "pending" };
  }
  if (needsRehash) {
    await db.update(customers).set({ passwordHash: await hashPassword(password) }).where(eq(customers.id, customer.id));
  }
  const settle = succeededAttempt(reservation);
  const signedIn = sql`signed_in as (${activityInsert(db, entry("customer.signed-in")).getSQL()})`;
  const session = customerSessionInsert(db, customer, client).getSQL();
  const [opened] = rowsOf<{ id: string }>(await db.execute(sql`with ${settle ? sql`${settle}, ` : sql``}${signedIn} ${session}`));
  return { ok: true, customer, sessionId: opened.id };
}
