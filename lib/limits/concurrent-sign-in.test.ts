import { and, count, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { activityLog, customers, rateLimits, shops, type Shop } from "@/db/schema";
import { authenticateCustomer } from "@/lib/accounts/sign-in";
import { hashPassword } from "@/lib/passwords/hash";
import { authenticateStaff, backOfficeBranding, createStaffUser } from "@/lib/staff/users";
import { describeOnDatabases } from "@/lib/testing/databases";
import { limitTimePasses } from "@/lib/testing/limits";
import { limits } from "./index";

/**
 * Issue 10, defect 1: simultaneous wrong passwords must not get past the per-account limit. A sign-in writes one
 * `*.sign-in-failed` entry for each password it verified and found wrong, and one `*.sign-in-throttled` entry for
 * each attempt it refused without verifying, so the activity log counts the argon2 verifications. On PostgreSQL the
 * attempts really run at once (the pool holds ten connections); PGlite has one connection and serialises them.
 */
describeOnDatabases("sign-in limits under concurrency", (db) => {
  let demo: Shop;
  const password = "correct horse 1";
  const rule = limits.signInFailuresPerAccount;
  /** The free failures, and the one whose failure starts the first delay. */
  const burstAllowance = rule.freeFailures + 1;

  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    await db()
      .insert(customers)
      .values({ shopId: demo.id, customerType: "B2C", email: "target@example.com", passwordHash: await hashPassword(password), status: "active" });
  });

  const timePasses = (seconds: number) => limitTimePasses(db(), seconds);

  const logged = async (action: string, email: string): Promise<number> => {
    const [row] = await db().select({ n: count() }).from(activityLog).where(and(eq(activityLog.action, action), eq(activityLog.email, email)));
    return row.n;
  };

  const attemptsAtOnce = <T>(n: number, attempt: () => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, attempt));

  const addressCount = async (ip: string): Promise<number | undefined> => {
    const [row] = await db().select().from(rateLimits).where(eq(rateLimits.key, `${limits.signInFailuresPerAddress.name}:${ip}`));
    return row?.count;
  };

  for (const email of ["target@example.com", "nobody-here@example.com"]) {
    it(`verifies at most the allowed guesses of 50 simultaneous wrong passwords (${email}), then one per delay`, async () => {
      const ip = email.startsWith("target") ? "198.51.100.70" : "198.51.100.71";
      const guess = () => authenticateCustomer(db(), demo, { email, password: "wrong guess 1" }, { ip, userAgent: null });
      const results = await attemptsAtOnce(50, guess);
      const verified = await logged("customer.sign-in-failed", email);
      expect(verified).toBe(burstAllowance);
      expect(await logged("customer.sign-in-throttled", email)).toBe(50 - burstAllowance);
      expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(burstAllowance);
      // Only verified attempts count against the client address, so a refused burst does not block it.
      expect(await addressCount(ip)).toBe(burstAllowance);

      await timePasses(rule.baseSeconds + 1);
      await attemptsAtOnce(50, guess);
      expect(await logged("customer.sign-in-failed", email)).toBe(burstAllowance + 1);
    });
  }

  it("lets the owner in with the right password once the delay has passed, and forgets the failures", async () => {
    const owner = () => authenticateCustomer(db(), demo, { email: "target@example.com", password }, { ip: "198.51.100.70", userAgent: null });
    expect(await owner()).toMatchObject({ ok: false, reason: "throttled" });
    await timePasses(rule.maxSeconds + 1);
    expect(await owner()).toMatchObject({ ok: true });
    const [row] = await db().select().from(rateLimits).where(eq(rateLimits.key, `${rule.name}:${demo.id}:target@example.com`));
    expect(row).toBeUndefined();
    // A success takes back its own count at the client address, and only that.
    expect(await addressCount("198.51.100.70")).toBe(burstAllowance + 1);
  });

  it("verifies at most the allowed guesses of 30 simultaneous wrong passwords to one business user", async () => {
    const office = { branding: backOfficeBranding("http://localhost:3000"), ip: null };
    const created = await createStaffUser(db(), null, { email: "staff-target@example.com", name: "Ada", roles: ["customer_service"] }, office);
    if (!created.ok) throw new Error("could not create the business user");
    const results = await attemptsAtOnce(30, () =>
      authenticateStaff(db(), { email: "staff-target@example.com", password: "Wrong#Guess1" }, { ip: "198.51.100.72", userAgent: null }),
    );
    expect(await logged("staff.sign-in-failed", "staff-target@example.com")).toBe(burstAllowance);
    expect(await logged("staff.sign-in-throttled", "staff-target@example.com")).toBe(30 - burstAllowance);
    expect(results.filter((result) => result.ok)).toHaveLength(0);

    const owner = () => authenticateStaff(db(), { email: "staff-target@example.com", password: created.password }, { ip: "198.51.100.72", userAgent: null });
    expect(await owner()).toMatchObject({ ok: false, reason: "throttled" });
    await timePasses(rule.baseSeconds + 1);
    expect(await owner()).toMatchObject({ ok: true });
  });
});
