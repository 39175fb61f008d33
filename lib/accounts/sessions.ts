import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customerEntry } from "@/lib/activity";
import { customerSessions, customers, type Customer } from "@/db/schema";
import {
  clientColumns,
  customerSessionStore,
  endSession,
  endSessions,
  isSessionId,
  keepSessionAlive,
  signedInDevices,
  signOutElsewhere,
  type SessionClient,
  type SignedInDevice,
} from "@/lib/sessions";

/** A storefront session lasts this long without a request (as long as its cookie). */
export const CUSTOMER_SESSION_SECONDS = 14 * 24 * 3600;

/** A signed-in customer and the session they use. */
export type CustomerContext = { customer: Customer; sessionId: string };

/** Sign-in opens a session in the customer's shop, under their current session version. Returns its id. */
export async function openCustomerSession(
  db: Db,
  customer: Pick<Customer, "id" | "shopId" | "sessionVersion">,
  client: SessionClient | null,
): Promise<string> {
  const [session] = await customerSessionInsert(db, customer, client);
  return session.id;
}

/** The insert `openCustomerSession` runs, for a statement that opens the session beside other work (sign-in). */
export function customerSessionInsert(db: Db, customer: Pick<Customer, "id" | "shopId" | "sessionVersion">, client: SessionClient | null) {
  return db
    .insert(customerSessions)
    .values({ customerId: customer.id, shopId: customer.shopId, sessionVersion: customer.sessionVersion, ...clientColumns(client) })
    .returning({ id: customerSessions.id });
}

/**
 * The customer behind a session, if it is still open: a session of this shop, not signed out, of an active customer
 * whose password has not been reset since (session version), and used within CUSTOMER_SESSION_SECONDS. Using it
 * keeps it alive.
 */
export async function sessionCustomer(db: Db, shopId: string, sessionId: string, now = new Date()): Promise<CustomerContext | null> {
  if (!isSessionId(sessionId)) return null;
  const [row] = await db
    .select({ session: customerSessions, customer: customers })
    .from(customerSessions)
    .innerJoin(customers, eq(customers.id, customerSessions.customerId))
    .where(and(eq(customerSessions.id, sessionId), eq(customerSessions.shopId, shopId), eq(customers.shopId, shopId)));
  if (!row || row.session.endedAt || row.customer.status !== "active") return null;
  if (row.session.sessionVersion !== row.customer.sessionVersion) return null;
  const open = await keepSessionAlive(db, customerSessionStore, row.session, CUSTOMER_SESSION_SECONDS * 1000, now);
  return open ? { customer: row.customer, sessionId } : null;
}

/** Sign-out: the session ends on the server, so the cookie (and any copy of it) no longer signs anyone in. */
export async function endCustomerSession(db: Db, sessionId: string): Promise<void> {
  await endSession(db, customerSessionStore, sessionId);
}

/** Every session of a customer ends: a password reset, a generated password, deactivation. */
export async function endAllCustomerSessions(tx: Db, customerId: string): Promise<void> {
  await endSessions(tx, customerSessionStore, customerId);
}

/** My account's "Signed-in devices": the customer's open sessions, this one marked. */
export async function customerDevices(db: Db, context: CustomerContext, now = new Date()): Promise<SignedInDevice[]> {
  const { customer, sessionId } = context;
  return signedInDevices(
    db,
    customerSessionStore,
    { ownerId: customer.id, currentSessionId: sessionId },
    new Date(now.getTime() - CUSTOMER_SESSION_SECONDS * 1000),
    eq(customerSessions.sessionVersion, customer.sessionVersion),
  );
}

/** "Sign out everywhere else": every other session of the customer ends; logged. Returns how many ended. */
export async function signOutOtherCustomerSessions(db: Db, context: CustomerContext, ip: string | null): Promise<number> {
  const { customer, sessionId } = context;
  return signOutElsewhere(db, customerSessionStore, { ownerId: customer.id, currentSessionId: sessionId }, customerEntry(customer, "customer.signed-out-elsewhere", ip));
}
