import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { StaffRole } from "@/db/schema-enums";
import { emailOutbox, emailSuppressions, customers, type StaffUser } from "@/db/schema";
import { countContacts, type ContactFilter } from "@/lib/accounts/contacts";
import { countActivity, type ActivityFilter } from "@/lib/activity";
import { shopScope, shopScopeCondition } from "./scope";
import { countStaff, type StaffListFilter } from "./users";

/** What the back office's home page counts, each part only for the roles that act on it. */
export type DashboardCounts = {
  /** customer_service, within the user's shops. */
  customers: { pendingOverADay: number; deactivated: number; signInLimited: number; signInsLastDay: number } | null;
  /** customer_service and shop_admin, within the user's shops (addresses: of customers in those shops). */
  mail: { failed: number; suppressedAddresses: number } | null;
  /** user_manager: the business users the users list shows. */
  staff: { temporaryPasswords: number; deactivated: number } | null;
};

/**
 * The filters of the lists the counts link to (their addresses' query): each count is the size of that list, counted
 * by the list's own conditions, so a count and its list cannot disagree.
 */
export const dashboardLists = {
  contacts: {
    pendingOverADay: { status: "pending", created: "over-a-day" },
    deactivated: { status: "disabled" },
    signInLimited: { signin: "limited" },
  },
  users: {
    temporaryPasswords: { status: "temporary" },
    deactivated: { status: "disabled" },
  },
  activity: {
    signInsLastDay: { action: "customer.signed-in", within: "day" },
  },
} as const satisfies { contacts: Record<string, ContactFilter>; users: Record<string, StaffListFilter>; activity: Record<string, ActivityFilter> };

async function countOf(query: Promise<{ n: number }[]>): Promise<number> {
  return Number((await query)[0]?.n ?? 0);
}

/**
 * The counts on /admin for this business user's roles and shop scope: plain counts, each the size of a list the page
 * links to (contacts, notifications, activity, users). Another shop's records are never counted for a limited user.
 */
export async function dashboardCounts(db: Db, staff: Pick<StaffUser, "id" | "roles" | "shopIds">, now = new Date()): Promise<DashboardCounts> {
  const scope = shopScope(staff);
  const has = (...roles: StaffRole[]) => roles.some((role) => staff.roles.includes(role));
  const inScope = (column: Parameters<typeof shopScopeCondition>[1]): SQL | undefined => shopScopeCondition(scope, column);

  const customerCounts = async (): Promise<DashboardCounts["customers"]> => {
    const contacts = (filter: ContactFilter) => countContacts(db, filter, scope, now);
    const [pendingOverADay, deactivated, signInLimited, signInsLastDay] = await Promise.all([
      contacts(dashboardLists.contacts.pendingOverADay),
      contacts(dashboardLists.contacts.deactivated),
      contacts(dashboardLists.contacts.signInLimited),
      countActivity(db, staff, { ...dashboardLists.activity.signInsLastDay, now }),
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
    const [temporaryPasswords, deactivated] = await Promise.all([
      countStaff(db, dashboardLists.users.temporaryPasswords),
      countStaff(db, dashboardLists.users.deactivated),
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
