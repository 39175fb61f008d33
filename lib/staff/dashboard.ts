import { and, count, eq, gt, inArray, like, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { StaffRole } from "@/db/schema-enums";
import { activityLog, customers, emailOutbox, emailSuppressions, rateLimits, shops, staffUsers, type StaffUser } from "@/db/schema";
import { limits } from "@/lib/limits";
import { shopScope, shopScopeCondition } from "./scope";

const DAY_MS = 86_400_000;

/** What the back office's home page counts, each part only for the roles that act on it. */
export type DashboardCounts = {
  /** customer_service, within the user's shops. */
  customers: { pendingOverADay: number; deactivated: number; signInLimited: number; signInsLastDay: number } | null;
  /** customer_service and shop_admin, within the user's shops (addresses: of customers in those shops). */
  mail: { failed: number; suppressedAddresses: number } | null;
  /** user_manager: the business users the users list shows. */
  staff: { temporaryPasswords: number; deactivated: number } | null;
};

async function countOf(query: Promise<{ n: number }[]>): Promise<number> {
  return Number((await query)[0]?.n ?? 0);
}

/**
 * The counts on /admin for this business user's roles and shop scope: plain counts, each the size of a list the page
 * links to (contacts, notifications, activity, users). Another shop's records are never counted for a limited user.
 */
export async function dashboardCounts(db: Db, staff: Pick<StaffUser, "roles" | "shopIds">, now = new Date()): Promise<DashboardCounts> {
  const scope = shopScope(staff);
  const has = (...roles: StaffRole[]) => roles.some((role) => staff.roles.includes(role));
  const inScope = (column: Parameters<typeof shopScopeCondition>[1]): SQL | undefined => shopScopeCondition(scope, column);
  const dayAgo = new Date(now.getTime() - DAY_MS);

  const customerCounts = async (): Promise<DashboardCounts["customers"]> => {
    const shopCustomers = (condition: SQL | undefined) =>
      countOf(db.select({ n: count() }).from(customers).where(and(condition, inScope(customers.shopId))));
    // A sign-in limit names its account `signin-account:<shop id>:<e-mail>`; back-office accounts name no shop.
    const scopedShops = db.select({ id: sql`${shops.id}::text` }).from(shops).where(inScope(shops.id));
    const [pendingOverADay, deactivated, signInLimited, signInsLastDay] = await Promise.all([
      shopCustomers(and(eq(customers.status, "pending"), lt(customers.createdAt, dayAgo))),
      shopCustomers(eq(customers.status, "disabled")),
      countOf(
        db
          .select({ n: count() })
          .from(rateLimits)
          .where(
            and(
              like(rateLimits.key, `${limits.signInFailuresPerAccount.name}:%`),
              gt(rateLimits.blockedUntil, now),
              inArray(sql`split_part(${rateLimits.key}, ':', 2)`, scopedShops),
            ),
          ),
      ),
      countOf(
        db
          .select({ n: count() })
          .from(activityLog)
          .where(and(eq(activityLog.action, "customer.signed-in"), gt(activityLog.at, dayAgo), inScope(activityLog.shopId))),
      ),
    ]);
    return { pendingOverADay, deactivated, signInLimited, signInsLastDay };
  };

  const mailCounts = async (): Promise<DashboardCounts["mail"]> => {
    const scopedAddresses = db.select({ email: customers.email }).from(customers).where(inScope(customers.shopId));
    const [failed, suppressedAddresses] = await Promise.all([
      countOf(db.select({ n: count() }).from(emailOutbox).where(and(eq(emailOutbox.status, "failed"), inScope(emailOutbox.shopId)))),
      countOf(
        db
          .select({ n: count() })
          .from(emailSuppressions)
          .where(scope === null ? undefined : inArray(emailSuppressions.email, scopedAddresses)),
      ),
    ]);
    return { failed, suppressedAddresses };
  };

  const staffCounts = async (): Promise<DashboardCounts["staff"]> => {
    const users = (condition: SQL | undefined) => countOf(db.select({ n: count() }).from(staffUsers).where(condition));
    const [temporaryPasswords, deactivated] = await Promise.all([
      users(and(eq(staffUsers.status, "active"), eq(staffUsers.passwordTemporary, true))),
      users(eq(staffUsers.status, "disabled")),
    ]);
    return { temporaryPasswords, deactivated };
  };

  const [customerPart, mailPart, staffPart] = await Promise.all([
    has("customer_service") ? customerCounts() : null,
    has("customer_service", "shop_admin") ? mailCounts() : null,
    has("user_manager") ? staffCounts() : null,
  ]);
  return { customers: customerPart, mail: mailPart, staff: staffPart };
}
