import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, emailOutbox, type Customer, type Shop } from "@/db/schema";
import { shopBranding } from "@/lib/shops";
import { issueAccountToken } from "@/lib/tokens";
import { enqueueEmail } from "@/lib/mail/outbox";
import type { Recipient } from "@/lib/mail/notifications";

/** A second identical request within this window (double submit, two tabs) sends no second e-mail. */
export const DUPLICATE_EMAIL_WINDOW_SECONDS = 30;

export async function findCustomerForUpdate(tx: Db, shopId: string, email: string): Promise<Customer | null> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, shopId), sql`lower(${customers.email}) = ${email.toLowerCase()}`))
    .for("update");
  return row ?? null;
}

export async function findCustomer(db: Db, shopId: string, email: string): Promise<Customer | null> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, shopId), sql`lower(${customers.email}) = ${email.toLowerCase()}`));
  return row ?? null;
}

export function recipientOf(customer: Customer): Recipient {
  return {
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    customerType: customer.customerType,
  };
}

/** Whether an e-mail of this type was queued for the customer within the duplicate window. */
export async function queuedRecently(tx: Db, customerId: string, type: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - DUPLICATE_EMAIL_WINDOW_SECONDS * 1000);
  const [row] = await tx
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.customerId, customerId), eq(emailOutbox.type, type), gt(emailOutbox.createdAt, since)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return Boolean(row);
}

/** Issues a fresh activation link (superseding older ones) and queues Storefront account activation. */
export async function sendActivationEmail(tx: Db, shop: Shop, customer: Customer, now: Date): Promise<void> {
  const ttlMinutes = shop.activationTtlMinutes;
  const { token, expiresAt } = await issueAccountToken(tx, {
    customerId: customer.id,
    email: customer.email,
    purpose: "activation",
    ttlMinutes,
    now,
  });
  await enqueueEmail(tx, {
    type: "storefront-account-activation",
    shopId: shop.id,
    customerId: customer.id,
    to: customer.email,
    props: {
      shop: shopBranding(shop),
      recipient: recipientOf(customer),
      link: `${shop.baseUrl}/activate/${token}`,
      expiresAt: expiresAt.toISOString(),
      setPassword: customer.passwordHash === null,
    },
  });
}
