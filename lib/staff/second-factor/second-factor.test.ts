import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/db/rows";
import { activityLog, rateLimits, shops, staffRecoveryCodes, staffSecondFactors, staffUsers } from "@/db/schema";
import { limitTimePasses } from "@/lib/testing/limits";
import { describeOnDatabases } from "@/lib/testing/databases";
import { secondFactorRequired, setSecondFactorRequired } from "../preferences";
import { authenticateStaff, backOfficeBranding, createStaffUser, validateStaffSession, type Granter } from "../users";
import {
  beginSecondFactorSetup,
  confirmSecondFactor,
  hasSecondFactor,
  remainingRecoveryCodes,
  resetSecondFactor,
  secondFactorStep,
  verifySecondFactor,
} from "./index";
import { base32Decode, timeStep, totp } from "./totp";

const office = { branding: backOfficeBranding("http://localhost:3000"), ip: null };
/** Far from the test's real time, so that each test picks its own steps; the limits use the database's clock. */
const T0 = new Date(Date.UTC(2030, 0, 1, 12));
const after = (steps: number, from = T0) => new Date(from.getTime() + steps * 30_000);

describeOnDatabases("second factor", (db) => {
  let counter = 0;

  async function staffUser(extra: Record<string, unknown> = {}) {
    const email = `factor${++counter}-${Date.now()}@example.com`;
    const created = await createStaffUser(db(), null, { email, name: "Ada", roles: ["customer_service"], ...extra }, office);
    if (!created.ok) throw new Error(`create: ${created.reason}`);
    return { ...created.user, password: created.password };
  }

  /** A user with a confirmed authenticator app, confirmed at T0; `key` computes their codes as the app would. */
  async function withFactor(extra: Record<string, unknown> = {}) {
    const user = await staffUser(extra);
    const setup = await beginSecondFactorSetup(db(), user.id);
    if (!setup.ok) throw new Error(`setup: ${setup.reason}`);
    const key = base32Decode(setup.secret)!;
    const confirmed = await confirmSecondFactor(db(), user.id, totp(key, T0), null, T0);
    if (!confirmed.ok) throw new Error(`confirm: ${confirmed.reason}`);
    return { user, key, secret: setup.secret, recoveryCodes: confirmed.recoveryCodes, code: (at: Date) => totp(key, at) };
  }

  const factorRow = async (staffId: string) =>
    rowsOf<Record<string, unknown>>(await db().execute(sql`select * from staff_second_factors where staff_id = ${staffId}`))[0];
  const logged = async (staffId: string, action: string) =>
    (await db().select().from(activityLog).where(and(eq(activityLog.staffId, staffId), eq(activityLog.action, action)))).map((row) => row.details);
  const accountLimit = async (email: string) =>
    (await db().select().from(rateLimits).where(eq(rateLimits.key, `signin-account:staff:${email}`)))[0];

  it("sets up with a base32 secret and an otpauth URI, storing the secret sealed only", async () => {
    const user = await staffUser();
    const setup = await beginSecondFactorSetup(db(), user.id);
    if (!setup.ok) throw new Error(setup.reason);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toBe(
      `otpauth://totp/Storefront%20Accounts:${encodeURIComponent(user.email)}?secret=${setup.secret}&issuer=Storefront%20Accounts&algorithm=SHA1&digits=6&period=30`,
    );
    const key = base32Decode(setup.secret)!;
    const stored = JSON.stringify(await factorRow(user.id));
    expect(stored).toContain("v1:");
    for (const form of [setup.secret, key.toString("hex"), key.toString("base64"), key.toString("base64url")]) {
      expect(stored.toLowerCase()).not.toContain(form.toLowerCase());
    }
    expect(await hasSecondFactor(db(), user.id)).toBe(false);
  });

  it("confirms only with a right code: a wrong one stores nothing; a new set-up replaces an unconfirmed one", async () => {
    const user = await staffUser();
    const first = await beginSecondFactorSetup(db(), user.id);
    const second = await beginSecondFactorSetup(db(), user.id);
    if (!first.ok || !second.ok) throw new Error("setup");
    expect(second.secret).not.toBe(first.secret);
    const oldKey = base32Decode(first.secret)!;
    const key = base32Decode(second.secret)!;

    expect(await confirmSecondFactor(db(), user.id, totp(oldKey, T0), null, T0)).toEqual({ ok: false, reason: "invalid-code" });
    expect(await confirmSecondFactor(db(), user.id, totp(key, after(-2)), null, T0)).toEqual({ ok: false, reason: "invalid-code" });
    expect(await confirmSecondFactor(db(), user.id, "not a code", null, T0)).toEqual({ ok: false, reason: "invalid-code" });
    expect((await factorRow(user.id)).confirmed_at).toBeNull();
    expect(await db().select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, user.id))).toEqual([]);
    expect(await logged(user.id, "staff.second-factor-enabled")).toEqual([]);

    const code = totp(key, T0);
    const confirmed = await confirmSecondFactor(db(), user.id, `${code.slice(0, 3)} ${code.slice(3)}`, "192.0.2.4", T0);
    if (!confirmed.ok) throw new Error(confirmed.reason);
    expect(await hasSecondFactor(db(), user.id)).toBe(true);
    expect(await logged(user.id, "staff.second-factor-enabled")).toHaveLength(1);
    expect(await beginSecondFactorSetup(db(), user.id)).toEqual({ ok: false, reason: "already-enabled" });
    expect(await confirmSecondFactor(db(), user.id, totp(key, after(1)), null, after(1))).toEqual({ ok: false, reason: "already-enabled" });
    expect(await confirmSecondFactor(db(), "not-a-uuid", code, null, T0)).toEqual({ ok: false, reason: "not-started" });
    // The secret the user scanned is still the one in force.
    expect(await verifySecondFactor(db(), user.id, totp(key, after(3)), null, after(3))).toMatchObject({ ok: true, method: "code" });
  });

  it("gives ten recovery codes, stored only as hashes", async () => {
    const { user, recoveryCodes } = await withFactor();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db().select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, user.id));
    expect(stored).toHaveLength(10);
    const text = JSON.stringify(stored);
    for (const code of recoveryCodes) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(code.replace("-", ""));
    }
    expect(await remainingRecoveryCodes(db(), user.id)).toBe(10);
  });

  it("accepts a code within one step of clock drift, not two", async () => {
    const { user, code } = await withFactor();
    const now = after(100);
    const verify = (at: Date) => verifySecondFactor(db(), user.id, code(at), null, now);
    expect(await verify(after(-2, now))).toEqual({ ok: false, reason: "invalid" });
    expect(await verify(after(2, now))).toEqual({ ok: false, reason: "invalid" });
    expect(await verify(after(-1, now))).toEqual({ ok: true, method: "code" });
    expect(await verify(now)).toEqual({ ok: true, method: "code" });
    expect(await verify(after(1, now))).toEqual({ ok: true, method: "code" });
    expect(Number((await factorRow(user.id)).last_step)).toBe(timeStep(now) + 1);
  });

  it("accepts each code once: no replay, no older step after a newer one, not the confirming code", async () => {
    const { user, code } = await withFactor();
    expect(await verifySecondFactor(db(), user.id, code(T0), null, T0)).toEqual({ ok: false, reason: "invalid" });
    const now = after(10);
    expect(await verifySecondFactor(db(), user.id, code(now), null, now)).toMatchObject({ ok: true });
    expect(await verifySecondFactor(db(), user.id, code(now), null, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySecondFactor(db(), user.id, code(now), null, after(1, now))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySecondFactor(db(), user.id, code(after(-1, now)), null, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await logged(user.id, "staff.second-factor-failed")).toEqual([
      { reason: "replayed" },
      { reason: "replayed" },
      { reason: "replayed" },
      { reason: "replayed" },
    ]);
    expect(await logged(user.id, "staff.second-factor-verified")).toHaveLength(1);
  });

  it("lets exactly one of two simultaneous uses of the same code through", async () => {
    const { user, code } = await withFactor();
    const now = after(20);
    const results = await Promise.all([1, 2].map(() => verifySecondFactor(db(), user.id, code(now), null, now)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "invalid" }]);
  });

  it("accepts a recovery code once, however it is typed, even when used twice at the same moment", async () => {
    const { user, recoveryCodes } = await withFactor();
    const [first, second] = recoveryCodes;
    const typed = ` ${first.toLowerCase().replace("-", " ")} `;
    expect(await verifySecondFactor(db(), user.id, typed, "192.0.2.5", T0)).toEqual({ ok: true, method: "recovery-code", remaining: 9 });
    expect(await verifySecondFactor(db(), user.id, first, null, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await logged(user.id, "staff.recovery-code-used")).toEqual([{ remaining: 9 }]);

    const raced = await Promise.all([1, 2].map(() => verifySecondFactor(db(), user.id, second, null, T0)));
    expect(raced.filter((result) => result.ok)).toHaveLength(1);
    expect(await remainingRecoveryCodes(db(), user.id)).toBe(8);
    expect(await verifySecondFactor(db(), user.id, "2222-2222-22", null, T0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("counts failures on the account's sign-in budget, refuses without checking when it is spent, forgets on success", async () => {
    const { user, code } = await withFactor();
    const now = after(30);
    const wrong = code(after(5, now));
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(await verifySecondFactor(db(), user.id, wrong, null, now)).toEqual({ ok: false, reason: "invalid" });
    }
    const right = code(now);
    expect(await verifySecondFactor(db(), user.id, right, null, now)).toMatchObject({ ok: false, reason: "throttled" });
    // The password is refused too: one budget for both steps.
    expect(await authenticateStaff(db(), { email: user.email, password: user.password }, null)).toMatchObject({ reason: "throttled" });
    expect(await logged(user.id, "staff.sign-in-throttled")).toContainEqual({ step: "second-factor" });
    // The throttled attempt did not look at the code: it is still unused once the wait is over.
    await limitTimePasses(db(), 3600);
    expect(await verifySecondFactor(db(), user.id, right, null, now)).toEqual({ ok: true, method: "code" });
    expect(await accountLimit(user.email)).toBeUndefined();
  });

  it("keeps the account's code failures across password sign-ins, so a known password buys no fresh guesses", async () => {
    const { user, code } = await withFactor();
    const now = after(40);
    const wrong = code(after(5, now));
    const signIn = async () => {
      const result = await authenticateStaff(db(), { email: user.email, password: user.password }, null);
      expect(result).toMatchObject({ ok: true, secondFactor: true });
    };
    await signIn();
    for (let attempt = 0; attempt < 3; attempt++) await verifySecondFactor(db(), user.id, wrong, null, now);
    await signIn();
    expect((await accountLimit(user.email)).count).toBe(3);
    for (let attempt = 0; attempt < 3; attempt++) await verifySecondFactor(db(), user.id, wrong, null, now);
    expect(await verifySecondFactor(db(), user.id, code(now), null, now)).toMatchObject({ ok: false, reason: "throttled" });
    await limitTimePasses(db(), 3600);
  });

  it("refuses codes for users without a factor, or deactivated, counting them as failures", async () => {
    const user = await staffUser();
    expect(await verifySecondFactor(db(), user.id, "123456", null, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySecondFactor(db(), "not-a-uuid", "123456", null, T0)).toEqual({ ok: false, reason: "invalid" });
    expect((await accountLimit(user.email)).count).toBe(1);
    const { user: gone, code } = await withFactor();
    await db().update(staffUsers).set({ status: "disabled" }).where(eq(staffUsers.id, gone.id));
    expect(await verifySecondFactor(db(), gone.id, code(after(1)), null, after(1))).toEqual({ ok: false, reason: "invalid" });
    expect(await logged(gone.id, "staff.second-factor-failed")).toEqual([{ reason: "disabled" }]);
  });

  let classic: string;
  beforeAll(async () => {
    [{ id: classic }] = await db().select({ id: shops.id }).from(shops).where(eq(shops.code, "classic"));
  });

  it("is reset only by a user manager within their shops, removing factor and codes and ending every session", async () => {
    const { user } = await withFactor();
    const session = await authenticateStaff(db(), { email: user.email, password: user.password }, null);
    if (!session.ok) throw new Error("sign-in");
    const manager = await staffUser({ roles: ["user_manager"] });
    const asGranter = (staff: typeof manager, shopIds: string[] | null = staff.shopIds): Granter => ({
      id: staff.id,
      email: staff.email,
      roles: staff.roles,
      shopIds,
    });
    const agent = await staffUser();

    expect(await resetSecondFactor(db(), asGranter(agent), user.id, null)).toEqual({ ok: false, reason: "forbidden" });
    expect(await resetSecondFactor(db(), asGranter(manager, [classic]), user.id, null)).toEqual({ ok: false, reason: "outside-scope" });
    expect(await resetSecondFactor(db(), asGranter(manager), "not-a-uuid", null)).toEqual({ ok: false, reason: "not-found" });
    expect(await hasSecondFactor(db(), user.id)).toBe(true);
    expect(await validateStaffSession(db(), session.sessionId, 30)).not.toBeNull();

    expect(await resetSecondFactor(db(), asGranter(manager), user.id, "192.0.2.6")).toEqual({ ok: true });
    expect(await validateStaffSession(db(), session.sessionId, 30)).toBeNull();
    expect(await hasSecondFactor(db(), user.id)).toBe(false);
    expect(await db().select().from(staffSecondFactors).where(eq(staffSecondFactors.staffId, user.id))).toEqual([]);
    expect(await db().select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, user.id))).toEqual([]);
    const [entry] = await db()
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.staffId, user.id), eq(activityLog.action, "staff.second-factor-reset")));
    expect(entry).toMatchObject({ actorId: manager.id, ip: "192.0.2.6", details: { sessionsEnded: 1 } });
    expect(await resetSecondFactor(db(), asGranter(manager), user.id, null)).toEqual({ ok: false, reason: "not-enabled" });
    expect((await beginSecondFactorSetup(db(), user.id)).ok).toBe(true);
  });

  it("asks for a code when the user has a factor, and for a set-up when the preference requires one", async () => {
    const admin = { id: "00000000-0000-4000-8000-000000000000", email: "admin@example.com" };
    const { user: enabled } = await withFactor();
    const plain = await staffUser();
    expect(await secondFactorRequired(db())).toBe(false);
    expect(await secondFactorStep(db(), plain.id)).toBeNull();
    expect(await secondFactorStep(db(), enabled.id)).toBe("verify");
    expect(await authenticateStaff(db(), { email: plain.email, password: plain.password }, null)).toMatchObject({ ok: true, secondFactor: false });

    await setSecondFactorRequired(db(), admin, true, "192.0.2.7");
    expect(await secondFactorStep(db(), plain.id)).toBe("set-up");
    expect(await secondFactorStep(db(), enabled.id)).toBe("verify");
    const changes = await db().select().from(activityLog).where(eq(activityLog.action, "settings.changed"));
    expect(changes.map((change) => change.details)).toContainEqual({ key: "REQUIRE_SECOND_FACTOR", from: "false", to: "true" });
    await setSecondFactorRequired(db(), admin, false, null);
    expect(await secondFactorStep(db(), plain.id)).toBeNull();
  });
});
