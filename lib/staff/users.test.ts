import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { staffSessions, staffUsers } from "@/db/schema";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverAndReadMailbox } from "@/lib/testing/mail";
import { DEFAULT_MANAGER_PASSWORD_REGEX, managerPasswordRegex, setManagerPasswordRegex } from "./preferences";
import {
  authenticateStaff,
  backOfficeBranding,
  bootstrapStaff,
  changeOwnPassword,
  createStaffUser,
  resetStaffPassword,
  setStaffRoles,
  setStaffStatus,
  validateStaffSession,
} from "./users";

const office = { branding: backOfficeBranding("http://localhost:3000"), ip: "192.0.2.9" };
const CHOSEN = "Chosen#Pass1";

describeOnDatabases("business users", (db) => {
  let counter = 0;
  const email = () => `staff${++counter}-${Date.now()}@example.com`;

  const mailTo = async (to: string, type: string) =>
    (await deliverAndReadMailbox(db())).filter((message) => message.to === to && message.type === type);
  const temporaryIn = (text: string) => text.match(/password:\s*(\S{16,})/i)?.[1] ?? "";

  async function signedIn(roles: string[] = ["user_manager"]) {
    const address = email();
    const created = await createStaffUser(db(), null, { email: address, name: "Grace", roles }, office);
    if (!created.ok) throw new Error("could not create");
    const signIn = await authenticateStaff(db(), { email: address, password: created.password }, null);
    if (!signIn.ok) throw new Error(`could not sign in: ${signIn.reason}`);
    return { ...signIn, password: created.password, actor: { id: signIn.staff.id, email: address } };
  }

  it("bootstraps one user with every role once, e-mailing a temporary password that meets the policy", async () => {
    const first = await bootstrapStaff(db(), "admin@example.com", office);
    expect(first).toMatchObject({ email: "admin@example.com" });
    expect(first!.password).toMatch(new RegExp(DEFAULT_MANAGER_PASSWORD_REGEX));
    expect(first!.password.length).toBeGreaterThanOrEqual(16);
    expect(await bootstrapStaff(db(), "other@example.com", office)).toBeNull();
    const [user] = await db().select().from(staffUsers).where(eq(staffUsers.email, "admin@example.com"));
    expect(user.roles.sort()).toEqual(["customer_service", "shop_admin", "user_manager"]);
    expect(user.passwordTemporary).toBe(true);
    const [mail] = await mailTo("admin@example.com", "business-user-account-created");
    expect(temporaryIn(mail.text)).toBe(first!.password);
    expect(mail.text).toContain("http://localhost:3000/admin/login");
  });

  it("refuses duplicates and bad input when creating users", async () => {
    const address = email();
    expect((await createStaffUser(db(), null, { email: address, name: "A", roles: ["shop_admin"] }, office)).ok).toBe(true);
    expect(await createStaffUser(db(), null, { email: address.toUpperCase(), name: "B", roles: ["shop_admin"] }, office)).toEqual({
      ok: false,
      reason: "exists",
    });
    const bad = await createStaffUser(db(), null, { email: "nope", name: "", roles: ["root"] }, office);
    expect(bad).toMatchObject({ ok: false, reason: "invalid" });
    if (!bad.ok && bad.reason === "invalid") expect(Object.keys(bad.fieldErrors).sort()).toEqual(["email", "name", "roles"]);
  });

  it("forces a new password that meets the policy, differs from the current one, and ends other sessions", async () => {
    const first = await signedIn();
    const second = await authenticateStaff(db(), { email: first.staff.email, password: first.password }, null);
    if (!second.ok) throw new Error("second sign-in");
    const context = { staff: first.staff, sessionId: first.sessionId };
    const attempt = (input: Record<string, string>) => changeOwnPassword(db(), context, input, null);
    expect(await attempt({ currentPassword: "wrong", newPassword: CHOSEN, confirmNewPassword: CHOSEN })).toMatchObject({
      fieldErrors: { currentPassword: ["Your current password is not correct."] },
    });
    expect(await attempt({ currentPassword: first.password, newPassword: "alllowercase1@", confirmNewPassword: "alllowercase1@" })).toMatchObject({
      ok: false,
      reason: "rejected",
    });
    expect(await attempt({ currentPassword: first.password, newPassword: first.password, confirmNewPassword: first.password })).toMatchObject({
      fieldErrors: { newPassword: ["Choose a password different from your current one."] },
    });
    expect(await attempt({ currentPassword: first.password, newPassword: CHOSEN, confirmNewPassword: CHOSEN })).toEqual({ ok: true });
    const [user] = await db().select().from(staffUsers).where(eq(staffUsers.id, first.staff.id));
    expect(user.passwordTemporary).toBe(false);
    expect(await validateStaffSession(db(), first.sessionId, 30)).not.toBeNull();
    expect(await validateStaffSession(db(), second.sessionId, 30)).toBeNull();
  });

  it("resets a user's password: new temporary password by e-mail, every session ended", async () => {
    const manager = await signedIn();
    const agent = await signedIn(["customer_service"]);
    expect(await resetStaffPassword(db(), manager.actor, agent.staff.id, office)).toEqual({ ok: true });
    expect(await validateStaffSession(db(), agent.sessionId, 30)).toBeNull();
    const [mail] = await mailTo(agent.staff.email, "business-user-password-reset");
    const fresh = temporaryIn(mail.text);
    expect(fresh).not.toBe(agent.password);
    expect(await authenticateStaff(db(), { email: agent.staff.email, password: agent.password }, null)).toMatchObject({ ok: false });
    expect(await authenticateStaff(db(), { email: agent.staff.email, password: fresh }, null)).toMatchObject({ ok: true });
    expect(await resetStaffPassword(db(), manager.actor, "not-a-uuid", office)).toEqual({ ok: false, reason: "not-found" });
  });

  it("never removes or deactivates the last active user manager", async () => {
    await db().update(staffUsers).set({ status: "disabled" }).where(sql`'user_manager' = any(${staffUsers.roles})`);
    const only = await signedIn(["user_manager"]);
    expect(await setStaffRoles(db(), only.actor, only.staff.id, ["shop_admin"], null)).toEqual({ ok: false, reason: "last-manager" });
    expect(await setStaffStatus(db(), only.actor, only.staff.id, "disabled", null)).toEqual({ ok: false, reason: "last-manager" });
    const other = await signedIn(["user_manager", "shop_admin"]);
    expect(await setStaffRoles(db(), only.actor, only.staff.id, ["shop_admin", "customer_service"], null)).toEqual({ ok: true });
    expect(await setStaffStatus(db(), other.actor, other.staff.id, "disabled", null)).toEqual({ ok: false, reason: "last-manager" });
    expect(await setStaffRoles(db(), other.actor, other.staff.id, [], null)).toMatchObject({ reason: "invalid" });
  });

  it("deactivation ends sessions and refuses sign-in; reactivation allows it again", async () => {
    const manager = await signedIn();
    const agent = await signedIn(["customer_service"]);
    expect(await setStaffStatus(db(), manager.actor, agent.staff.id, "disabled", null)).toEqual({ ok: true });
    expect(await validateStaffSession(db(), agent.sessionId, 30)).toBeNull();
    expect(await authenticateStaff(db(), { email: agent.staff.email, password: agent.password }, null)).toEqual({ ok: false, reason: "invalid" });
    await setStaffStatus(db(), manager.actor, agent.staff.id, "active", null);
    expect(await authenticateStaff(db(), { email: agent.staff.email, password: agent.password }, null)).toMatchObject({ ok: true });
  });

  it("ends sessions after inactivity and refuses expired temporary passwords", async () => {
    const user = await signedIn();
    await db().update(staffSessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(staffSessions.id, user.sessionId));
    expect(await validateStaffSession(db(), user.sessionId, 30)).toBeNull();
    await db().update(staffUsers).set({ temporaryExpiresAt: sql`now() - interval '1 minute'` }).where(eq(staffUsers.id, user.staff.id));
    expect(await authenticateStaff(db(), { email: user.staff.email, password: user.password }, null)).toEqual({
      ok: false,
      reason: "temporary-expired",
    });
  });

  it("keeps MANAGER_PASSWORD_REGEX safe: hostile or unsatisfiable patterns are refused, good ones used at once", async () => {
    const admin = { id: "00000000-0000-4000-8000-000000000000", email: "admin@example.com" };
    const started = performance.now();
    expect(await setManagerPasswordRegex(db(), admin, "(a+)+$", null)).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await setManagerPasswordRegex(db(), admin, "^[a-z]+$", null)).toMatchObject({ ok: false });
    expect(await managerPasswordRegex(db())).toBe(DEFAULT_MANAGER_PASSWORD_REGEX);
    expect(await setManagerPasswordRegex(db(), admin, "^(?=.*[0-9]).{12,}$", null)).toEqual({ ok: true });
    const created = await createStaffUser(db(), null, { email: email(), name: "P", roles: ["shop_admin"] }, office);
    if (!created.ok) throw new Error("create");
    expect(created.password).toMatch(/^(?=.*[0-9]).{12,}$/);
    await setManagerPasswordRegex(db(), admin, DEFAULT_MANAGER_PASSWORD_REGEX, null);
  });
});
