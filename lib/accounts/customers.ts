import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { offeredLocales, type Locale } from "@/i18n/locales";
import { customerEntry, recordActivity } from "@/lib/activity";
import { accountTokens, customers, emailOutbox, type AccountToken, type Customer, type Shop, type TokenPurpose } from "@/db/schema";
import { registrationAttributesOf, shopBranding } from "@/lib/shops";
import { passwordMode } from "@/lib/shops/registration-form";
import { hitLimit, limits } from "@/lib/limits";
import { findTokenForUpdate, hashToken, isWellFormedToken, issueAccountToken, tokenState } from "@/lib/tokens";
import { enqueueEmail } from "@/lib/mail/outbox";
import type { NotificationProps, Recipient } from "@/lib/mail/notifications";

/** Runs e-mail work after the response (the app passes Next's after()); tests and scripts run it at once. */
export type Defer = (work: () => Promise<void>) => void;

export async function runOrDefer(defer: Defer | undefined, work: () => Promise<void>): Promise<void> {
  if (defer) defer(work);
  else await work();
}

/**
 * Counts an e-mail against the per-recipient and per-client limits (SPEC §7). Callers skip the e-mail quietly
 * when refused: saying so would tell whether the account exists.
 */
export async function mayEmail(tx: Db, shop: Shop, email: string, ip: string | null): Promise<boolean> {
  const perRecipient = await hitLimit(tx, limits.emailsPerRecipient, `${shop.id}:${email}`);
  const perAddress = await hitLimit(tx, limits.emailsPerAddress, ip);
  return perRecipient.ok && perAddress.ok;
}

/**
 * A second identical request within this window (double click, two tabs) sends no second e-mail. Kept short: a
 * customer who used the link and asks again, or whose e-mail failed, gets a new one (see `isDoubleSubmit`).
 */
export const DUPLICATE_EMAIL_WINDOW_SECONDS = 5;

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

/** The link an e-mail type carries; the other customer e-mails carry none. */
const linkPurposeOf: Partial<Record<string, TokenPurpose>> = {
  "storefront-account-activation": "activation",
  "storefront-password-reset": "reset",
};

/**
 * Whether this request repeats one just made (double submit): an e-mail of this type was queued for the customer
 * within the duplicate window and has not failed, and the link it carries (if any) is still unused, unexpired and
 * not superseded. A link used in the meantime, or a failed e-mail, never swallows the next request.
 */
export async function isDoubleSubmit(tx: Db, customerId: string, type: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - DUPLICATE_EMAIL_WINDOW_SECONDS * 1000);
  const [email] = await tx
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.customerId, customerId),
        eq(emailOutbox.type, type),
        gt(emailOutbox.createdAt, since),
        ne(emailOutbox.status, "failed"),
      ),
    )
    .limit(1);
  if (!email) return false;
  const purpose = linkPurposeOf[type];
  if (!purpose) return true;
  const [link] = await tx
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.customerId, customerId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.supersededAt),
        gt(accountTokens.expiresAt, now),
        gt(accountTokens.createdAt, since),
      ),
    )
    .limit(1);
  return Boolean(link);
}

type CustomerNotification =
  | "storefront-account-activation"
  | "activation-successful"
  | "storefront-password-reset"
  | "reset-password-successful"
  | "storefront-account-exists";

/** Queues one of the customer e-mails of SPEC §6, branded for the shop and addressed to the customer. */
export async function queueCustomerEmail<T extends CustomerNotification>(
  tx: Db,
  shop: Shop,
  customer: Customer,
  type: T,
  variables: Omit<NotificationProps[T], "shop" | "recipient">,
): Promise<void> {
  await enqueueEmail(tx, {
    type,
    shopId: shop.id,
    customerId: customer.id,
    to: customer.email,
    props: { shop: shopBranding(shop), recipient: recipientOf(customer), locale: customer.locale, ...variables } as NotificationProps[T],
  });
}

/**
 * Issues a fresh activation link (superseding older ones) and queues Storefront account activation. What the
 * e-mail says the link will do follows the customer's password mode at the time of sending (SPEC §2): a customer
 * without a password is asked to choose one (user-controlled) or is e-mailed a generated one (automatic); a
 * customer who already chose one just activates.
 */
export async function sendActivationEmail(tx: Db, shop: Shop, customer: Customer, now: Date): Promise<void> {
  const mode = customer.passwordHash === null ? passwordMode(await registrationAttributesOf(tx, shop.id, customer.customerType)) : null;
  const { token, expiresAt } = await issueAccountToken(tx, {
    customerId: customer.id,
    email: customer.email,
    purpose: "activation",
    // Contacts created in the back office get longer: the customer did not just ask for the e-mail.
    ttlMinutes: customer.createdBy ? shop.contactActivationTtlMinutes : shop.activationTtlMinutes,
    now,
  });
  await queueCustomerEmail(tx, shop, customer, "storefront-account-activation", {
    link: `${shop.baseUrl}/activate/${token}`,
    expiresAt: expiresAt.toISOString(),
    setPassword: mode === "user-controlled",
    generatedPassword: mode === "automatic",
  });
}

type TokenAndCustomer = { row: AccountToken; customer: Customer };

/** The token's customer, if the token belongs to this shop and still to the e-mail it was sent to. */
async function customerOfToken(db: Db, shop: Shop, row: AccountToken, lock: boolean): Promise<Customer | null> {
  const query = db.select().from(customers).where(eq(customers.id, row.customerId));
  const [customer] = lock ? await query.for("update") : await query;
  return customer && customer.shopId === shop.id && customer.email === row.email ? customer : null;
}

/**
 * Locks a token and its customer for the rest of the transaction: of concurrent requests presenting the same
 * token, one at a time sees it, so only the first can use it. Returns the token whatever its state.
 */
export async function lockTokenAndCustomer(
  tx: Db,
  shop: Shop,
  token: string,
  purpose: TokenPurpose,
  now: Date,
  { usableOnly = true } = {},
): Promise<TokenAndCustomer | null> {
  const row = await findTokenForUpdate(tx, token, purpose);
  if (!row || (usableOnly && tokenState(row, now) !== "usable")) return null;
  const customer = await customerOfToken(tx, shop, row, true);
  return customer ? { row, customer } : null;
}

/** Reads a usable token and its customer without locking or changing anything (for pages rendered on GET). */
export async function peekTokenAndCustomer(
  db: Db,
  shop: Shop,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<TokenAndCustomer | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)));
  if (!row || tokenState(row, now) !== "usable") return null;
  const customer = await customerOfToken(db, shop, row, false);
  return customer ? { row, customer } : null;
}

/**
 * A customer's own choice of language for e-mails to them (My account): one the shop offers, or nothing changes.
 * Logged with the language it replaced.
 */
export async function chooseCustomerLocale(db: Db, shop: Shop, customer: Customer, value: unknown, ip: string | null): Promise<Locale | null> {
  const locale = offeredLocales(shop).find((offered) => offered === value);
  if (!locale) return null;
  if (locale === customer.locale) return locale;
  await db.transaction(async (tx) => {
    await tx.update(customers).set({ locale }).where(and(eq(customers.id, customer.id), eq(customers.shopId, shop.id)));
    await recordActivity(tx, customerEntry(customer, "customer.language-changed", ip, { from: customer.locale, to: locale }));
  });
  return locale;
}
