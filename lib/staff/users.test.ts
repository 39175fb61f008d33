import { and, eq, sql } from "drizzle-orm";
import { resultInEnglish } from "@/i18n/english";
import { beforeAll, expect, it } from "vitest";
import { activityLog, shops, staffSessions, staffUsers, type Shop } from "@/db/schema";
import { backOfficeCode } from "@/i18n/back-office-code";
import { describeOnDatabases } from "@/lib/testing/databases";
import { deliverAndReadMailbox } from "@/lib/testing/mail";
import ruEmails from "@/messages/ru/emails.json";
import ukEmails from "@/messages/uk/emails.json";
import { DEFAULT_MANAGER_PASSWORD_REGEX, managerPasswordRegex, setManagerPasswordRegex } from "./preferences";
import {
  authenticateStaff,
  backOfficeBranding,
  bootstrapStaff,
  changeOwnPassword,
  createStaffUser,
  chooseStaffLocale,
  resetStaffPassword,
  setStaffRoles,
  setStaffShops,
  setStaffStatus,
  validateStaffSession,
  type Granter,
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
    return { ...signIn, password: created.password, actor: { id: signIn.staff.id, email: address, shopIds: signIn.staff.shopIds, roles: signIn.staff.roles } };
  }

  it("bootstraps one user with every role once, e-mailing a temporary password that meets the policy", async () => {
    const first = await bootstrapStaff(db(), "admin@example.com", office);
    expect(first).toMatchObject({ email: "admin@example.com" });
    expect(first!.password).toMatch(new RegExp(DEFAULT_MANAGER_PASSWORD_REGEX));
    expect(first!.password.length).toBeGreaterThanOrEqual(16);
    expect(await bootstrapStaff(db(), "other@example.com", office)).toBeNull();
    const [user] = await db().select().from(staffUsers).where(eq(staffUsers.email, "admin@example.com"));
    expect(user.roles.sort()).toEqual(["customer_service", "shop_admin", "user_manager"]);
    expect(user.shopIds).toBeNull();
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
      fieldErrors: { currentPassword: [backOfficeCode("console", "currentPasswordWrong")] },
    });
    expect(await attempt({ currentPassword: first.password, newPassword: "alllowercase1@", confirmNewPassword: "alllowercase1@" })).toMatchObject({
      ok: false,
      reason: "rejected",
    });
    expect(await attempt({ currentPassword: first.password, newPassword: first.password, confirmNewPassword: first.password })).toMatchObject({
      fieldErrors: { newPassword: [backOfficeCode("console", "samePassword")] },
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

  it("keeps a user's own language, logged, and writes their e-mails in it (SPEC §9)", async () => {
    const manager = await signedIn();
    const agent = await signedIn(["customer_service"]);
    expect(await chooseStaffLocale(db(), agent.staff, "ru", "192.0.2.4")).toBe("ru");
    for (const refused of ["fr", "", null, ["ru"], "RU"]) expect(await chooseStaffLocale(db(), agent.staff, refused, null)).toBeNull();
    const [stored] = await db().select().from(staffUsers).where(eq(staffUsers.id, agent.staff.id));
    expect(stored.locale).toBe("ru");
    const [logged] = await db().select().from(activityLog).where(and(eq(activityLog.staffId, agent.staff.id), eq(activityLog.action, "staff.language-changed")));
    expect(logged).toMatchObject({ actorId: agent.staff.id, ip: "192.0.2.4", details: { from: "en", to: "ru" } });
    expect(await resetStaffPassword(db(), manager.actor, agent.staff.id, office)).toEqual({ ok: true });
    const [mail] = await mailTo(agent.staff.email, "business-user-password-reset");
    expect(mail.subject).toContain(ruEmails["business-user-password-reset"].subject);
    expect(mail.text).toMatch(/:\s*\S{16,}/);
    // A new user's welcome e-mail in the language their manager chose; anything else is refused.
    const address = email();
    expect(await createStaffUser(db(), manager.actor, { email: address, name: "Olena", roles: ["user_manager"], locale: "uk" }, office)).toMatchObject({ ok: true, user: { locale: "uk" } });
    const [welcome] = await mailTo(address, "business-user-account-created");
    expect(welcome.subject).toContain(ukEmails["business-user-account-created"].subject);
    expect(resultInEnglish(await createStaffUser(db(), manager.actor, { email: email(), name: "X", roles: ["user_manager"], locale: "fr" }, office))).toMatchObject({
      ok: false,
      fieldErrors: { locale: ["Choose a language from the list."] },
    });
  });

  it("never removes or deactivates the last active user manager", async () => {
    await db().update(staffUsers).set({ status: "disabled" }).where(sql`'user_manager' = any(${staffUsers.roles})`);
    const only = await signedIn(["user_manager", "customer_service"]);
    expect(await setStaffRoles(db(), only.actor, only.staff.id, ["customer_service"], null)).toEqual({ ok: false, reason: "last-manager" });
    expect(await setStaffStatus(db(), only.actor, only.staff.id, "disabled", null)).toEqual({ ok: false, reason: "last-manager" });
    const other = await signedIn(["user_manager", "shop_admin"]);
    expect(await setStaffRoles(db(), only.actor, only.staff.id, ["customer_service"], null)).toEqual({ ok: true });
    expect(await setStaffStatus(db(), other.actor, other.staff.id, "disabled", null)).toEqual({ ok: false, reason: "last-manager" });
    expect(await setStaffRoles(db(), other.actor, other.staff.id, [], null)).toMatchObject({ reason: "invalid" });
  });

  it("grants only roles the manager holds; on their own account a manager can only drop roles", async () => {
    const manager = await signedIn(["user_manager", "customer_service"]);
    const roleField = (message: string) => ({ ok: false, reason: "invalid", fieldErrors: { roles: [message] } });
    const grant = roleField("You can only grant roles you hold yourself: Shop administrator.");
    const countOf = async (address: string) => (await db().select().from(staffUsers).where(eq(staffUsers.email, address))).length;

    const refusedEmail = email();
    expect(resultInEnglish(await createStaffUser(db(), manager.actor, { email: refusedEmail, name: "R", roles: ["customer_service", "shop_admin"] }, office))).toEqual(grant);
    expect(await countOf(refusedEmail)).toBe(0);
    const [trace] = await db().select().from(activityLog).where(and(eq(activityLog.action, "staff.roles-refused"), eq(activityLog.email, refusedEmail)));
    expect(trace).toMatchObject({ actorId: manager.staff.id, details: { from: [], to: ["customer_service", "shop_admin"] } });

    const agent = await create(manager.actor, { roles: ["customer_service"] });
    if (!agent.ok) throw new Error("create");
    const agentId = agent.user.id;
    expect(resultInEnglish(await setStaffRoles(db(), manager.actor, agentId, ["customer_service", "shop_admin"], null))).toEqual(grant);
    expect(resultInEnglish(await setStaffRoles(db(), manager.actor, manager.staff.id, ["user_manager", "customer_service", "shop_admin"], null))).toEqual(
      roleField("You cannot give yourself roles; another user manager who holds them can: Shop administrator."),
    );
    const rolesOf = async (id: string) => (await db().select().from(staffUsers).where(eq(staffUsers.id, id)))[0].roles;
    expect(await rolesOf(agentId)).toEqual(["customer_service"]);
    expect(await rolesOf(manager.staff.id)).toEqual(["user_manager", "customer_service"]);

    // A role the manager does not hold is not theirs to take away either.
    const admin = await create(null, { roles: ["shop_admin", "customer_service"] });
    if (!admin.ok) throw new Error("create");
    expect(resultInEnglish(await setStaffRoles(db(), manager.actor, admin.user.id, ["customer_service"], null))).toEqual(
      roleField("You can only take away roles you hold yourself: Shop administrator."),
    );
    expect(await setStaffRoles(db(), manager.actor, admin.user.id, ["shop_admin"], null)).toEqual({ ok: true });

    // Dropping one's own role is allowed, and logged before → after.
    expect(await setStaffRoles(db(), manager.actor, manager.staff.id, ["user_manager"], "192.0.2.1")).toEqual({ ok: true });
    expect(await rolesOf(manager.staff.id)).toEqual(["user_manager"]);
    expect(await logged(manager.staff.id, "staff.roles-changed")).toEqual([{ from: ["user_manager", "customer_service"], to: ["user_manager"] }]);

    // A manager holding every role grants every role; so does the system (bootstrap, admin:create).
    const everything = ["customer_service", "user_manager", "shop_admin"];
    const full = await signedIn(everything);
    expect((await create(full.actor, { roles: everything })).ok).toBe(true);
    expect(await setStaffRoles(db(), full.actor, agentId, ["customer_service", "shop_admin"], null)).toEqual({ ok: true });
    expect(await rolesOf(agentId)).toEqual(["customer_service", "shop_admin"]);
    expect(await logged(agentId, "staff.roles-changed")).toEqual([{ from: ["customer_service"], to: ["customer_service", "shop_admin"] }]);
    expect((await create(null, { roles: everything })).ok).toBe(true);
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

  let demo: Shop;
  let classic: Shop;
  beforeAll(async () => {
    [demo] = await db().select().from(shops).where(eq(shops.code, "demo"));
    [classic] = await db().select().from(shops).where(eq(shops.code, "classic"));
  });
  const create = async (granter: Granter | null, extra: Record<string, unknown> = {}) =>
    createStaffUser(db(), granter, { email: email(), name: "Scoped", roles: ["customer_service"], ...extra }, office);
  const scopeOf = async (result: Awaited<ReturnType<typeof create>>) => {
    if (!result.ok) throw new Error(`create: ${result.reason}`);
    return result.user.shopIds;
  };
  const logged = async (staffId: string, action: string) =>
    (await db().select().from(activityLog).where(and(eq(activityLog.staffId, staffId), eq(activityLog.action, action)))).map((row) => row.details);

  it("grants All shops by default only from a manager who has them, otherwise the manager's own shops, never more", async () => {
    const all = (await signedIn(["user_manager", "customer_service"])).actor;
    expect(await scopeOf(await create(all))).toBeNull();
    expect(await scopeOf(await create(null, { shopScope: "chosen", shops: ["classic"] }))).toEqual([classic.id]);
    expect(await scopeOf(await create(all, { shopScope: "chosen", shops: ["demo", "classic", "demo"] }))).toEqual([classic.id, demo.id]);

    const limited: Granter = { ...all, shopIds: [classic.id] };
    const created = await create(limited);
    expect(await scopeOf(created)).toEqual([classic.id]);
    expect(await logged(created.ok ? created.user.id : "", "staff.created")).toEqual([{ roles: ["customer_service"], shops: ["classic"] }]);
    expect(resultInEnglish(await create(limited, { shopScope: "all" }))).toMatchObject({
      fieldErrors: { shops: ["You work in some shops only, so you cannot grant All shops. Choose shops from your own."] },
    });
    // A shop outside the manager's scope is as unknown as one that does not exist.
    for (const code of ["demo", "nowhere"]) {
      expect(resultInEnglish(await create(limited, { shopScope: "chosen", shops: ["classic", code] }))).toMatchObject({
        fieldErrors: { shops: [`Unknown shop: ${code}. Choose shops from the list.`] },
      });
    }
    expect(resultInEnglish(await create(all, { shopScope: "chosen", shops: [] }))).toMatchObject({ fieldErrors: { shops: ["Choose at least one shop, or All shops."] } });
    expect(await create(all, { shopScope: "some", shops: "<script>" })).toMatchObject({ reason: "invalid" });
    expect(await create(all, { shopScope: "chosen", shops: ["x".repeat(101)] })).toMatchObject({ reason: "invalid" });
  });

  it("changes a user's shops within the manager's own, logging before → after as shop codes", async () => {
    const all = (await signedIn(["user_manager", "customer_service"])).actor;
    const limited: Granter = { ...all, shopIds: [classic.id] };
    const user = await create(all);
    if (!user.ok) throw new Error("create");
    const id = user.user.id;
    expect(await setStaffShops(db(), all, id, { shopScope: "chosen", shops: ["demo", "classic"] }, "192.0.2.1")).toEqual({ ok: true });
    expect(await logged(id, "staff.shops-changed")).toEqual([{ from: "all", to: ["classic", "demo"] }]);
    // Someone who also works in Demo Shop is not a Classic-only manager's to change.
    expect(await setStaffShops(db(), limited, id, { shopScope: "chosen", shops: ["classic"] }, null)).toEqual({ ok: false, reason: "outside-scope" });
    expect(await setStaffShops(db(), all, id, { shopScope: "chosen", shops: ["classic"] }, null)).toEqual({ ok: true });
    expect(await setStaffShops(db(), limited, id, { shopScope: "all" }, null)).toMatchObject({ reason: "invalid" });
    expect(await setStaffShops(db(), limited, id, { shopScope: "chosen", shops: ["demo"] }, null)).toMatchObject({ reason: "invalid" });
    expect(await setStaffShops(db(), limited, id, { shopScope: "chosen", shops: [] }, null)).toMatchObject({ reason: "invalid" });
    expect(resultInEnglish(await setStaffShops(db(), limited, id, {}, null))).toMatchObject({ fieldErrors: { shopScope: ["Choose All shops or the shops below."] } });
    expect(await setStaffShops(db(), limited, id, { shopScope: "chosen", shops: ["classic"] }, null)).toEqual({ ok: true });
    expect(await setStaffShops(db(), all, "not-a-uuid", { shopScope: "all" }, null)).toEqual({ ok: false, reason: "not-found" });
    const [row] = await db().select().from(staffUsers).where(eq(staffUsers.id, id));
    expect(row.shopIds).toEqual([classic.id]);
    expect(await logged(id, "staff.shops-changed")).toHaveLength(2);
  });

  it("keeps at least one active user manager with All shops, who alone can grant them", async () => {
    await db().update(staffUsers).set({ status: "disabled" }).where(sql`'user_manager' = any(${staffUsers.roles})`);
    const only = await signedIn(["user_manager", "customer_service"]);
    const classicManager = await create(null, { roles: ["user_manager"], shopScope: "chosen", shops: ["classic"] });
    expect(classicManager.ok).toBe(true);
    const last = { ok: false, reason: "last-all-shops-manager" };
    expect(await setStaffShops(db(), only.actor, only.staff.id, { shopScope: "chosen", shops: ["classic"] }, null)).toEqual(last);
    expect(await setStaffRoles(db(), only.actor, only.staff.id, ["customer_service"], null)).toEqual(last);
    expect(await setStaffStatus(db(), only.actor, only.staff.id, "disabled", null)).toEqual(last);
    await signedIn(["user_manager"]);
    expect(await setStaffShops(db(), only.actor, only.staff.id, { shopScope: "chosen", shops: ["classic"] }, null)).toEqual({ ok: true });
  });
});
