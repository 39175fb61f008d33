import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staffSecondFactors, staffSessions } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { setSecondFactorRequired } from "../preferences";
import {
  authenticateStaff,
  backOfficeBranding,
  changeOwnPassword,
  completeSecondFactorSetUp,
  completeSecondFactorStep,
  createStaffUser,
  validateStaffSession,
} from "../users";
import { beginSecondFactorSetup, confirmSecondFactor, pendingSecondFactorSetup, verifySecondFactor } from "./index";
import { dueSecondFactor } from "./step";
import { base32Decode, totp } from "./totp";

const office = { branding: backOfficeBranding("http://localhost:3000"), ip: null };
const admin = { id: "00000000-0000-4000-8000-000000000000", email: "admin@example.com" };
const CHOSEN = "Chosen#Password2030";
const T0 = new Date(Date.UTC(2031, 5, 1, 8));
const after = (steps: number) => new Date(T0.getTime() + steps * 30_000);

describe("the second step a session still owes", () => {
  it("is a code for a session opened by the password of a user with a factor, and nothing once done", () => {
    expect(dueSecondFactor({ pending: true, hasFactor: true, required: false })).toBe("verify");
    expect(dueSecondFactor({ pending: true, hasFactor: true, required: true })).toBe("verify");
    expect(dueSecondFactor({ pending: false, hasFactor: true, required: true })).toBeNull();
    expect(dueSecondFactor({ pending: false, hasFactor: false, required: false })).toBeNull();
  });

  it("is a set-up for a user without a factor when required, or when the factor it waited for is gone", () => {
    expect(dueSecondFactor({ pending: false, hasFactor: false, required: true })).toBe("set-up");
    expect(dueSecondFactor({ pending: true, hasFactor: false, required: false })).toBe("set-up");
  });
});

describeOnDatabases("sessions waiting for the second factor", (db) => {
  let counter = 0;

  /** A business user past the forced change of the temporary password (to CHOSEN). */
  async function staffUser() {
    const email = `pending${++counter}-${Date.now()}@example.com`;
    const created = await createStaffUser(db(), null, { email, name: "Lin", roles: ["customer_service", "user_manager"] }, office);
    if (!created.ok) throw new Error(`create: ${created.reason}`);
    const first = await signIn(email, created.password);
    const input = { currentPassword: created.password, newPassword: CHOSEN, confirmNewPassword: CHOSEN };
    const changed = await changeOwnPassword(db(), first, input, null);
    if (!changed.ok) throw new Error(`change: ${JSON.stringify(changed.fieldErrors)}`);
    return { ...created.user, password: CHOSEN, firstSessionId: first.sessionId };
  }

  async function signIn(email: string, password: string) {
    const result = await authenticateStaff(db(), { email, password }, { ip: "192.0.2.40", userAgent: "Test browser" });
    if (!result.ok) throw new Error(`sign-in: ${result.reason}`);
    return result;
  }

  /** Sets up and confirms an authenticator app at T0; returns a function giving its code at a moment. */
  async function addFactor(staffId: string) {
    const setup = await beginSecondFactorSetup(db(), staffId);
    if (!setup.ok) throw new Error(`setup: ${setup.reason}`);
    const key = base32Decode(setup.secret)!;
    const confirmed = await confirmSecondFactor(db(), staffId, totp(key, T0), null, T0);
    if (!confirmed.ok) throw new Error(`confirm: ${confirmed.reason}`);
    return (at: Date) => totp(key, at);
  }

  const due = async (sessionId: string) => (await validateStaffSession(db(), sessionId, 30))?.secondFactor;

  it("opens only a waiting session with the password of a user who has a factor; a full one without", async () => {
    const plain = await staffUser();
    const withApp = await staffUser();
    await addFactor(withApp.id);

    expect(await due((await signIn(plain.email, plain.password)).sessionId)).toBeNull();
    const waiting = await signIn(withApp.email, withApp.password);
    expect(waiting.secondFactor).toBe(true);
    expect(await due(waiting.sessionId)).toBe("verify");
    const [row] = await db().select().from(staffSessions).where(eq(staffSessions.id, waiting.sessionId));
    expect(row.secondFactorPending).toBe(true);
    // The session in which the factor was set up was already complete, and stays so.
    expect(await due(withApp.firstSessionId)).toBeNull();
  });

  it("a wrong or replayed code leaves it waiting; an accepted code ends it and opens a complete one for the same browser", async () => {
    const user = await staffUser();
    const code = await addFactor(user.id);
    const waiting = await signIn(user.email, user.password);

    expect(await verifySecondFactor(db(), user.id, totp(Buffer.alloc(20, 1), after(4)), null, after(4))).toMatchObject({ ok: false });
    expect(await verifySecondFactor(db(), user.id, code(T0), null, T0)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await due(waiting.sessionId)).toBe("verify");

    expect(await verifySecondFactor(db(), user.id, code(after(4)), null, after(4))).toMatchObject({ ok: true });
    const complete = await completeSecondFactorStep(db(), waiting.sessionId);
    if (!complete) throw new Error("not completed");
    expect(complete).not.toBe(waiting.sessionId);
    expect(await validateStaffSession(db(), waiting.sessionId, 30)).toBeNull();
    expect(await due(complete)).toBeNull();
    const [row] = await db().select().from(staffSessions).where(eq(staffSessions.id, complete));
    expect(row).toMatchObject({ staffId: user.id, ip: "192.0.2.40", userAgent: "Test browser", secondFactorPending: false, endedAt: null });

    // A waiting session that has ended (signed out, or the password reset meanwhile) is not completed.
    expect(await completeSecondFactorStep(db(), waiting.sessionId)).toBeNull();
    expect(await completeSecondFactorStep(db(), "not-a-session")).toBeNull();
  });

  it("still owes the code after the forced change of a temporary password", async () => {
    const email = `temporary${++counter}-${Date.now()}@example.com`;
    const created = await createStaffUser(db(), null, { email, name: "Kim", roles: ["customer_service"] }, office);
    if (!created.ok) throw new Error(created.reason);
    await addFactor(created.user.id);
    const waiting = await signIn(email, created.password);
    const context = await validateStaffSession(db(), waiting.sessionId, 30);
    expect(context).toMatchObject({ staff: { passwordTemporary: true }, secondFactor: "verify" });

    const input = { currentPassword: created.password, newPassword: CHOSEN, confirmNewPassword: CHOSEN };
    expect(await changeOwnPassword(db(), context!, input, null)).toEqual({ ok: true });
    expect(await validateStaffSession(db(), waiting.sessionId, 30)).toMatchObject({ staff: { passwordTemporary: false }, secondFactor: "verify" });
  });

  it("after a set-up, a session that had waited for a code (its factor since reset) waits no more", async () => {
    const user = await staffUser();
    await addFactor(user.id);
    const waiting = await signIn(user.email, user.password);
    // A factor gone while the session waited (a reset also ends the session; here the row alone goes): set-up owed.
    await db().delete(staffSecondFactors).where(eq(staffSecondFactors.staffId, user.id));
    expect(await due(waiting.sessionId)).toBe("set-up");
    await addFactor(user.id);
    expect(await due(waiting.sessionId)).toBe("verify");
    await completeSecondFactorSetUp(db(), waiting.sessionId);
    expect(await due(waiting.sessionId)).toBeNull();
  });

  it("shows the set-up begun again until its first code, and nothing once the factor is on", async () => {
    const user = await staffUser();
    expect(await pendingSecondFactorSetup(db(), user.id)).toBeNull();
    const begun = await beginSecondFactorSetup(db(), user.id);
    if (!begun.ok) throw new Error(begun.reason);
    expect(await pendingSecondFactorSetup(db(), user.id)).toEqual({ secret: begun.secret, otpauthUri: begun.otpauthUri });
    const key = base32Decode(begun.secret)!;
    expect(await confirmSecondFactor(db(), user.id, totp(key, T0), null, T0)).toMatchObject({ ok: true });
    expect(await pendingSecondFactorSetup(db(), user.id)).toBeNull();
    expect(await pendingSecondFactorSetup(db(), "not-a-user")).toBeNull();
  });

  it("requires a set-up of users without a factor while the preference is on, also in sessions opened before", async () => {
    const user = await staffUser();
    const before = await signIn(user.email, user.password);
    expect(await due(before.sessionId)).toBeNull();

    await setSecondFactorRequired(db(), admin, true, null);
    try {
      expect(await due(before.sessionId)).toBe("set-up");
      const after = await signIn(user.email, user.password);
      expect(after.secondFactor).toBe(false);
      expect(await due(after.sessionId)).toBe("set-up");

      await addFactor(user.id);
      // Setting the factor up in a session completes that step, in the same session.
      await completeSecondFactorSetUp(db(), after.sessionId);
      expect(await due(after.sessionId)).toBeNull();
      expect(await due((await signIn(user.email, user.password)).sessionId)).toBe("verify");
    } finally {
      await setSecondFactorRequired(db(), admin, false, null);
    }
  });
});
