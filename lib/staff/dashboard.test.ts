import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { activityLog, customers, emailOutbox, emailSuppressions, rateLimits, shops, staffUsers, type Shop } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { searchContacts } from "@/lib/accounts/contacts";
import { listActivity } from "@/lib/activity";
import { dashboardCounts, dashboardLists } from "./dashboard";
import { listStaff } from "./users";

describeOnDatabases("dashboardCounts", (db) => {
  let demo: Shop;
  let classic: Shop;
  const now = new Date();
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const inAMinute = new Date(now.getTime() + 60_000);
  const viewerId = "00000000-0000-4000-8000-000000000001";

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
    const customer = (shop: Shop, email: string, status: "pending" | "active" | "disabled", createdAt = now) => ({
      shopId: shop.id,
      customerType: "B2C",
      email,
      status,
      createdAt,
    });
    await db()
      .insert(customers)
      .values([
        customer(demo, "old-pending@example.com", "pending", hoursAgo(30)),
        customer(demo, "new-pending@example.com", "pending", hoursAgo(2)),
        customer(demo, "disabled@example.com", "disabled"),
        customer(demo, "bounced@example.com", "active"),
        customer(demo, "limited@example.com", "active", hoursAgo(40)),
        customer(classic, "old-pending-1@example.com", "pending", hoursAgo(25)),
        customer(classic, "old-pending-2@example.com", "pending", hoursAgo(48)),
        customer(classic, "complained@example.com", "active"),
        customer(classic, "limited@example.com", "active"),
        customer(classic, "limited-before@example.com", "pending", hoursAgo(30)),
      ]);
    await db()
      .insert(rateLimits)
      .values([
        // Limited now: a customer of each shop, and an e-mail that is nobody's (not a customer, so not counted).
        { key: `signin-account:${demo.id}:limited@example.com`, count: 9, windowStart: now, blockedUntil: inAMinute },
        { key: `signin-account:${classic.id}:limited@example.com`, count: 9, windowStart: now, blockedUntil: inAMinute },
        { key: `signin-account:${demo.id}:nobody@example.com`, count: 9, windowStart: now, blockedUntil: inAMinute },
        // No longer limited, failed without a limit yet, a back-office account, a client address.
        { key: `signin-account:${classic.id}:limited-before@example.com`, count: 9, windowStart: now, blockedUntil: hoursAgo(1) },
        { key: `signin-account:${demo.id}:bounced@example.com`, count: 3, windowStart: now, blockedUntil: null },
        { key: "signin-account:staff:manager@example.com", count: 9, windowStart: now, blockedUntil: inAMinute },
        { key: "signin-ip:203.0.113.7", count: 99, windowStart: now, blockedUntil: inAMinute },
      ]);
    const signedIn = (shop: Shop, at: Date) => ({ action: "customer.signed-in", actorType: "customer" as const, shopId: shop.id, at });
    await db()
      .insert(activityLog)
      .values([signedIn(demo, hoursAgo(1)), signedIn(demo, hoursAgo(30)), signedIn(classic, hoursAgo(23)), { ...signedIn(demo, now), action: "customer.sign-in-failed" }]);
    const mail = (shopId: string | null, status: "failed" | "sent") => ({ type: "x", shopId, recipient: "r@example.com", redacted: {}, status });
    await db().insert(emailOutbox).values([mail(demo.id, "failed"), mail(classic.id, "failed"), mail(null, "failed"), mail(demo.id, "sent")]);
    await db()
      .insert(emailSuppressions)
      .values([
        { email: "bounced@example.com", reason: "bounce" },
        { email: "complained@example.com", reason: "complaint" },
        { email: "stranger@example.com", reason: "bounce" },
      ]);
  });

  it("counts what customer service acts on, only within the agent's shops", async () => {
    expect(await dashboardCounts(db(), { id: viewerId, roles: ["customer_service"], shopIds: [demo.id] }, now)).toEqual({
      customers: { pendingOverADay: 1, deactivated: 1, signInLimited: 1, signInsLastDay: 1 },
      mail: { failed: 1, suppressedAddresses: 1 },
      staff: null,
    });
    expect(await dashboardCounts(db(), { id: viewerId, roles: ["customer_service"], shopIds: [classic.id] }, now)).toEqual({
      customers: { pendingOverADay: 3, deactivated: 0, signInLimited: 1, signInsLastDay: 1 },
      mail: { failed: 1, suppressedAddresses: 1 },
      staff: null,
    });
    expect(await dashboardCounts(db(), { id: viewerId, roles: ["customer_service"], shopIds: null }, now)).toEqual({
      customers: { pendingOverADay: 4, deactivated: 1, signInLimited: 2, signInsLastDay: 2 },
      mail: { failed: 3, suppressedAddresses: 3 },
      staff: null,
    });
    expect(await dashboardCounts(db(), { id: viewerId, roles: ["customer_service"], shopIds: [] }, now)).toEqual({
      customers: { pendingOverADay: 0, deactivated: 0, signInLimited: 0, signInsLastDay: 0 },
      mail: { failed: 0, suppressedAddresses: 0 },
      staff: null,
    });
  });

  it("counts exactly what the list its link opens shows, in every shop scope", async () => {
    const listed = async (filter: object, shopIds: string[] | null) => {
      const page = await searchContacts(db(), filter, shopIds, now);
      return { total: page.total, emails: page.rows.map((row) => row.email).sort() };
    };
    const expected = {
      demo: { pendingOverADay: ["old-pending@example.com"], deactivated: ["disabled@example.com"], signInLimited: ["limited@example.com"] },
      classic: {
        pendingOverADay: ["limited-before@example.com", "old-pending-1@example.com", "old-pending-2@example.com"],
        deactivated: [],
        signInLimited: ["limited@example.com"],
      },
    };
    for (const shopIds of [[demo.id], [classic.id], null, []]) {
      const counts = (await dashboardCounts(db(), { id: viewerId, roles: ["customer_service"], shopIds }, now)).customers!;
      for (const key of ["pendingOverADay", "deactivated", "signInLimited"] as const) {
        const list = await listed(dashboardLists.contacts[key], shopIds);
        const emails = [
          ...(shopIds === null || shopIds.includes(demo.id) ? expected.demo[key] : []),
          ...(shopIds === null || shopIds.includes(classic.id) ? expected.classic[key] : []),
        ].sort();
        expect({ key, shopIds, count: counts[key], ...list }).toEqual({ key, shopIds, count: emails.length, total: emails.length, emails });
      }
    }
    // Sign-ins of the last day: the activity list its link opens, by the same filter.
    for (const shopIds of [[demo.id], [classic.id], null, []]) {
      const viewer = { id: viewerId, shopIds };
      const counts = (await dashboardCounts(db(), { ...viewer, roles: ["customer_service"] }, now)).customers!;
      const entries = await listActivity(db(), viewer, { ...dashboardLists.activity.signInsLastDay, now });
      expect(entries.every((entry) => entry.action === "customer.signed-in" && entry.at > hoursAgo(24))).toBe(true);
      expect({ shopIds, count: counts.signInsLastDay }).toEqual({ shopIds, count: entries.length });
    }
    // With search text the list takes other plans (the newest contacts walked, or the trigram index): the same rows.
    expect((await listed({ ...dashboardLists.contacts.signInLimited, q: "limited@" }, null)).emails).toEqual(["limited@example.com", "limited@example.com"]);
    expect((await listed({ ...dashboardLists.contacts.pendingOverADay, q: "limited" }, [classic.id])).emails).toEqual(["limited-before@example.com"]);
    // A limit that has run out is no longer counted, nor listed.
    const later = new Date(inAMinute.getTime() + 1000);
    expect((await dashboardCounts(db(), { id: viewerId, roles: ["customer_service"], shopIds: null }, later)).customers?.signInLimited).toBe(0);
    expect((await searchContacts(db(), dashboardLists.contacts.signInLimited, null, later)).total).toBe(0);
  });

  it("gives a shop administrator the e-mail counts only, and a user manager the business-user counts only", async () => {
    expect(await dashboardCounts(db(), { id: viewerId, roles: ["shop_admin"], shopIds: [demo.id] }, now)).toEqual({
      customers: null,
      mail: { failed: 1, suppressedAddresses: 1 },
      staff: null,
    });
    const before = await dashboardCounts(db(), { id: viewerId, roles: ["user_manager"], shopIds: null }, now);
    expect(before).toMatchObject({ customers: null, mail: null });
    const user = (email: string, status: "active" | "disabled", passwordTemporary: boolean) => ({ email, name: email, passwordHash: "x", status, passwordTemporary });
    await db()
      .insert(staffUsers)
      .values([user("temp1@example.com", "active", true), user("temp2@example.com", "active", true), user("chosen@example.com", "active", false), user("gone@example.com", "disabled", true)]);
    const after = await dashboardCounts(db(), { id: viewerId, roles: ["user_manager"], shopIds: null }, now);
    expect(after.staff).toEqual({ temporaryPasswords: before.staff!.temporaryPasswords + 2, deactivated: before.staff!.deactivated + 1 });
    // The users list its links open shows exactly those users, each with that status.
    const temporary = await listStaff(db(), dashboardLists.users.temporaryPasswords);
    expect(temporary).toHaveLength(after.staff!.temporaryPasswords);
    expect(temporary.map((row) => row.email)).toEqual(expect.arrayContaining(["temp1@example.com", "temp2@example.com"]));
    expect(new Set(temporary.map((row) => row.listStatus))).toEqual(new Set(["temporary"]));
    const deactivated = await listStaff(db(), dashboardLists.users.deactivated);
    expect(deactivated).toHaveLength(after.staff!.deactivated);
    expect(deactivated.map((row) => row.email)).toContain("gone@example.com");
    expect(new Set(deactivated.map((row) => row.listStatus))).toEqual(new Set(["disabled"]));
    expect((await listStaff(db(), { status: "active" })).map((row) => row.email)).toContain("chosen@example.com");
    expect(await listStaff(db(), { status: "bogus" })).toHaveLength((await listStaff(db())).length);
  });
});
