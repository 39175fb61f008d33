import { and, asc, count, eq, getTableColumns, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { isLocale, type Locale } from "@/i18n/locales";
import { rowsOf } from "@/db/rows";
import { staffRoles, staffSecondFactors, staffSessions, staffUsers, systemPreferences, type StaffRole, type StaffUser } from "@/db/schema";
import { activityInsert, recordActivity, staffEntry, type ActivityEntry } from "@/lib/activity";
import { backOfficeCode } from "@/i18n/back-office-code";
import { attemptSucceeded, firstStepOf, reserveAttempt, signInSubjects, succeededAttempt } from "@/lib/limits";
import type { ShopBranding } from "@/lib/mail/notifications";
import { enqueueEmail } from "@/lib/mail/outbox";
import { isCommonPassword } from "@/lib/passwords/common";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/passwords/hash";
import { PASSWORD_MAX } from "@/lib/passwords/policy";
import {
  clientColumns,
  endSession,
  endSessions,
  isSessionId,
  keepSessionAlive,
  signedInDevices,
  signOutElsewhere,
  staffSessionStore,
  type SessionClient,
  type SignedInDevice,
} from "@/lib/sessions";
import type { FieldErrors } from "@/lib/shops/registration-form";
import { emailField } from "@/lib/shops/registration-form";
import { changePasswordSchema, newStaffSchema, refusedRoleChange, rolesField, shopScopeSchema } from "./forms";
import { isSecondFactorRequired, managerPasswordPolicy, REQUIRE_SECOND_FACTOR } from "./preferences";
import { dueSecondFactor, type SecondFactorDue } from "./second-factor/step";
import {
  grantShopScope,
  sameShopScope,
  scopeCodes,
  shopScope,
  shopsInScope,
  withinShopScope,
  type ScopeRequest,
  type ScopeShop,
  type ShopScope,
} from "./scope";

/** A signed-in business user and the session they use. */
export type StaffContext = { staff: StaffUser; sessionId: string };
/** Who acted, for the activity log. */
export type Actor = { id: string; email: string };
/** A user manager granting roles: only roles they hold themselves (SPEC §7 separation of duties). */
export type RoleGranter = Actor & Pick<StaffUser, "roles">;
/** A user manager granting shops and roles: their own shop scope and roles bound what they may grant (SPEC §4). */
export type Granter = RoleGranter & Pick<StaffUser, "shopIds">;
/** The back office as the sender of business users' e-mails; its base URL leads to /admin/login. */
export type BackOffice = { branding: ShopBranding; ip: string | null; now?: Date };

export const TEMPORARY_PASSWORD_HOURS = 72;

/** The back office's name: the sender of business users' e-mails and the issuer in their authenticator apps. */
export const BACK_OFFICE_NAME = "Storefront Accounts";

/** How business users' e-mails are branded: the back office itself, at the application's URL. */
export function backOfficeBranding(appUrl: string): ShopBranding {
  return { name: BACK_OFFICE_NAME, baseUrl: appUrl, logoUrl: null, accentColor: "#0f172a" };
}

type Failure<R extends string> = { ok: false; reason: R };

async function temporaryPassword(db: Db): Promise<{ password: string; passwordHash: string }> {
  const password = generatePassword(await managerPasswordPolicy(db));
  return { password, passwordHash: await hashPassword(password) };
}

function temporaryUntil(now: Date): Date {
  return new Date(now.getTime() + TEMPORARY_PASSWORD_HOURS * 3600_000);
}

async function sendTemporaryPassword(
  tx: Db,
  user: StaffUser,
  type: "business-user-account-created" | "business-user-password-reset",
  password: string,
  backOffice: BackOffice,
): Promise<void> {
  await enqueueEmail(tx, {
    type,
    shopId: null,
    to: user.email,
    props: {
      shop: backOffice.branding,
      recipient: { email: user.email, firstName: user.name, lastName: "" },
      link: `${backOffice.branding.baseUrl}/admin/login`,
      password,
      locale: user.locale,
    },
  });
}

/** Ends sessions of a user: all of them, or all but the one given. */
async function endStaffSessions(tx: Db, staffId: string, except?: string): Promise<number> {
  return endSessions(tx, staffSessionStore, staffId, except);
}

/**
 * A refused grant or change of roles (lib/staff/forms.ts refusedRoleChange) as the roles field's error, logged as
 * staff.roles-refused with what was asked, so that forged requests leave a trace.
 */
async function refuseRoles(
  db: Db,
  actor: RoleGranter,
  message: string,
  entry: { staffId?: string; email: string; from?: StaffRole[]; to: StaffRole[]; ip: string | null },
): Promise<{ ok: false; reason: "invalid"; fieldErrors: FieldErrors }> {
  const { from, to, ...target } = entry;
  await recordActivity(db, { action: "staff.roles-refused", actorType: "staff", actorId: actor.id, ...target, details: { from: from ?? [], to } });
  return { ok: false, reason: "invalid", fieldErrors: { roles: [message] } };
}

type ScopeInput = { shopScope?: "all" | "chosen"; shops: string[] };
type GrantedScope = { ok: true; scope: ShopScope; known: ScopeShop[] } | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

/**
 * The shops a grant gives (lib/staff/scope.ts grantShopScope). A form that names neither All shops nor any shop gets
 * the default of SPEC §4: All shops when the granter has them, otherwise the granter's own shops.
 */
async function grantedScope(db: Db, granter: ShopScope, input: ScopeInput): Promise<GrantedScope> {
  const known = await shopsInScope(db, null);
  const own = known.filter((shop) => granter?.includes(shop.id)).map((shop) => shop.code);
  const request: ScopeRequest =
    input.shopScope === "all" || (input.shopScope === undefined && input.shops.length === 0 && granter === null)
      ? { all: true }
      : { all: false, codes: input.shopScope === undefined && input.shops.length === 0 ? own : input.shops };
  const granted = grantShopScope(granter, request, known);
  return granted.ok ? { ...granted, known } : { ok: false, reason: "invalid", fieldErrors: { shops: [granted.message] } };
}

export type CreateStaffResult =
  | { ok: true; user: StaffUser; password: string }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | Failure<"exists">;

/**
 * Creates a business user with a temporary password, e-mailed as Business user account created. `actor` null is
 * the system (bootstrap, CLI), which grants as one with All shops.
 */
export async function createStaffUser(
  db: Db,
  actor: Granter | null,
  input: unknown,
  backOffice: BackOffice,
): Promise<CreateStaffResult> {
  const parsed = newStaffSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  const roles = [...new Set(parsed.data.roles)];
  const refused = actor && refusedRoleChange({ roles: actor.roles, own: false }, [], roles);
  if (actor && refused) return refuseRoles(db, actor, refused, { email: parsed.data.email, to: roles, ip: backOffice.ip });
  const granted = await grantedScope(db, actor ? shopScope(actor) : null, parsed.data);
  if (!granted.ok) return granted;
  const now = backOffice.now ?? new Date();
  const { password, passwordHash } = await temporaryPassword(db);
  return db.transaction(async (tx): Promise<CreateStaffResult> => {
    const [user] = await tx
      .insert(staffUsers)
      .values({
        email: parsed.data.email,
        name: parsed.data.name,
        roles,
        shopIds: granted.scope,
        locale: parsed.data.locale,
        passwordHash,
        passwordTemporary: true,
        temporaryExpiresAt: temporaryUntil(now),
        createdBy: actor?.id ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!user) return { ok: false, reason: "exists" };
    await sendTemporaryPassword(tx, user, "business-user-account-created", password, backOffice);
    await recordActivity(tx, {
      action: "staff.created",
      actorType: actor ? "staff" : "system",
      actorId: actor?.id,
      staffId: user.id,
      email: user.email,
      ip: backOffice.ip,
      details: { roles: user.roles, shops: scopeCodes(user.shopIds, granted.known) },
    });
    return { ok: true, user, password };
  });
}

/** First start: when there is no business user at all, one with every role (SPEC §4 Bootstrap). */
export async function bootstrapStaff(
  db: Db,
  email: string,
  backOffice: BackOffice,
): Promise<{ email: string; password: string } | null> {
  const [existing] = await db.select({ id: staffUsers.id }).from(staffUsers).limit(1);
  if (existing) return null;
  const created = await createStaffUser(db, null, { email, name: "Administrator", roles: [...staffRoles], shopScope: "all" }, backOffice);
  return created.ok ? { email: created.user.email, password: created.password } : null;
}

/** A business user's status as the users list shows it, filters by it (`?status=`) and the dashboard counts it. */
export const staffListStatuses = ["active", "temporary", "disabled"] as const;
export type StaffListStatus = (typeof staffListStatuses)[number];
export type StaffListFilter = { status?: string };
export type StaffListRow = StaffUser & { listStatus: StaffListStatus };

/** Deactivated; else active with the generated password still to change ("temporary"); else active. */
const listStatus = sql<StaffListStatus>`case when ${staffUsers.status} = 'disabled' then 'disabled' when ${staffUsers.passwordTemporary} then 'temporary' else 'active' end`;

/** The filter's condition: a status the list knows, or none (any other value filters nothing). */
function staffListCondition(filter: StaffListFilter): SQL | undefined {
  return staffListStatuses.includes(filter.status as StaffListStatus) ? sql`${listStatus} = ${filter.status}` : undefined;
}

export async function listStaff(db: Db, filter: StaffListFilter = {}): Promise<StaffListRow[]> {
  return db
    .select({ ...getTableColumns(staffUsers), listStatus })
    .from(staffUsers)
    .where(staffListCondition(filter))
    .orderBy(asc(staffUsers.email));
}

/** How many business users `listStaff` lists for the filter. */
export async function countStaff(db: Db, filter: StaffListFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(staffUsers).where(staffListCondition(filter));
  return Number(row?.n ?? 0);
}

export async function findStaff(db: Db, id: string): Promise<StaffUser | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, id));
  return user ?? null;
}

/** A business user, locked for the rest of the transaction; null for an id that is not one. */
export async function lockStaff(tx: Db, id: string): Promise<StaffUser | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, id)).for("update");
  return user ?? null;
}

/** Locks every active user manager: two concurrent changes cannot each remove "the other" last one. */
async function activeManagers(tx: Db): Promise<Pick<StaffUser, "id" | "shopIds">[]> {
  return tx
    .select({ id: staffUsers.id, shopIds: staffUsers.shopIds })
    .from(staffUsers)
    .where(and(eq(staffUsers.status, "active"), sql`'user_manager' = any(${staffUsers.roles})`))
    .orderBy(asc(staffUsers.id))
    .for("update");
}

/**
 * Whether a change to a user (still a user manager or not, with these shops) would leave no active user manager,
 * or none with All shops: nobody could then manage the team, or grant the shops that only they can grant.
 */
async function managerProblem(
  tx: Db,
  user: StaffUser,
  after: { manager: boolean; shopIds: ShopScope },
): Promise<"last-manager" | "last-all-shops-manager" | null> {
  const managers = await activeManagers(tx);
  if (!managers.some((manager) => manager.id === user.id)) return null;
  const remaining = [...managers.filter((manager) => manager.id !== user.id), ...(after.manager ? [{ id: user.id, shopIds: after.shopIds }] : [])];
  if (remaining.length === 0) return "last-manager";
  const allShops = (list: typeof managers) => list.some((manager) => shopScope(manager) === null);
  return allShops(managers) && !allShops(remaining) ? "last-all-shops-manager" : null;
}

/** A user manager's reset: a new temporary password e-mailed as Business user password reset; sessions end. */
export async function resetStaffPassword(
  db: Db,
  actor: Actor,
  userId: string,
  backOffice: BackOffice,
): Promise<{ ok: true } | Failure<"not-found">> {
  const { password, passwordHash } = await temporaryPassword(db);
  const now = backOffice.now ?? new Date();
  return db.transaction(async (tx) => {
    const user = await lockStaff(tx, userId);
    if (!user) return { ok: false, reason: "not-found" } as const;
    await tx
      .update(staffUsers)
      .set({ passwordHash, passwordTemporary: true, temporaryExpiresAt: temporaryUntil(now) })
      .where(eq(staffUsers.id, user.id));
    await endStaffSessions(tx, user.id);
    await sendTemporaryPassword(tx, user, "business-user-password-reset", password, backOffice);
    await recordActivity(tx, staffEntry(actor, user, "staff.password-reset", backOffice.ip));
    return { ok: true } as const;
  });
}

export type StaffChangeResult =
  | { ok: true }
  | Failure<"not-found" | "last-manager" | "last-all-shops-manager" | "outside-scope">
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

/**
 * "Roles" on the user's page. A user manager adds and takes away only roles they hold themselves, and on their own
 * account only drops roles (never the last user manager's); refusals are logged, changes logged before → after.
 */
export async function setStaffRoles(db: Db, actor: RoleGranter, userId: string, roles: unknown, ip: string | null): Promise<StaffChangeResult> {
  const parsed = rolesField.safeParse(roles);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: { roles: parsed.error.issues.map((issue) => issue.message) } };
  const next = [...new Set(parsed.data)] as StaffRole[];
  return db.transaction(async (tx): Promise<StaffChangeResult> => {
    const user = await lockStaff(tx, userId);
    if (!user) return { ok: false, reason: "not-found" };
    const refused = refusedRoleChange({ roles: actor.roles, own: user.id === actor.id }, user.roles, next);
    if (refused) return refuseRoles(tx, actor, refused, { staffId: user.id, email: user.email, from: user.roles, to: next, ip });
    const problem = await managerProblem(tx, user, { manager: next.includes("user_manager"), shopIds: user.shopIds });
    if (problem) return { ok: false, reason: problem };
    await tx.update(staffUsers).set({ roles: next }).where(eq(staffUsers.id, user.id));
    await recordActivity(tx, staffEntry(actor, user, "staff.roles-changed", ip, { from: user.roles, to: next }));
    return { ok: true };
  });
}

/**
 * "Shops" on the user's page: All shops or chosen shops, within the granter's own scope. A user who also works in
 * shops outside that scope (or in All shops) is left to a user manager of those shops. Logged as shop codes.
 */
export async function setStaffShops(db: Db, actor: Granter, userId: string, input: unknown, ip: string | null): Promise<StaffChangeResult> {
  const parsed = shopScopeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  return db.transaction(async (tx): Promise<StaffChangeResult> => {
    const user = await lockStaff(tx, userId);
    if (!user) return { ok: false, reason: "not-found" };
    const granter = shopScope(actor);
    if (!withinShopScope(shopScope(user), granter)) return { ok: false, reason: "outside-scope" };
    const granted = await grantedScope(tx, granter, parsed.data);
    if (!granted.ok) return granted;
    if (sameShopScope(shopScope(user), granted.scope)) return { ok: true };
    const problem = await managerProblem(tx, user, { manager: user.roles.includes("user_manager"), shopIds: granted.scope });
    if (problem) return { ok: false, reason: problem };
    await tx.update(staffUsers).set({ shopIds: granted.scope }).where(eq(staffUsers.id, user.id));
    await recordActivity(
      tx,
      staffEntry(actor, user, "staff.shops-changed", ip, { from: scopeCodes(shopScope(user), granted.known), to: scopeCodes(granted.scope, granted.known) }),
    );
    return { ok: true };
  });
}

/** Deactivates (ending every session, refusing sign-in) or reactivates a business user. */
export async function setStaffStatus(
  db: Db,
  actor: Actor,
  userId: string,
  status: "active" | "disabled",
  ip: string | null,
): Promise<StaffChangeResult> {
  return db.transaction(async (tx): Promise<StaffChangeResult> => {
    const user = await lockStaff(tx, userId);
    if (!user) return { ok: false, reason: "not-found" };
    const problem = status === "disabled" ? await managerProblem(tx, user, { manager: false, shopIds: user.shopIds }) : null;
    if (problem) return { ok: false, reason: problem };
    await tx.update(staffUsers).set({ status }).where(eq(staffUsers.id, user.id));
    if (status === "disabled") await endStaffSessions(tx, user.id);
    await recordActivity(tx, staffEntry(actor, user, status === "disabled" ? "staff.deactivated" : "staff.reactivated", ip));
    return { ok: true };
  });
}

/**
 * The toolbar's "Change password", forced while the password is temporary. The new one must meet
 * MANAGER_PASSWORD_REGEX and the base rules and differ from the current one; other sessions end; no e-mail.
 */
export async function changeOwnPassword(
  db: Db,
  context: StaffContext,
  input: Record<string, unknown>,
  ip: string | null,
): Promise<{ ok: true } | { ok: false; reason: "rejected"; fieldErrors: FieldErrors }> {
  const { staff, sessionId } = context;
  const parsed = changePasswordSchema(await managerPasswordPolicy(db), staff.email, isCommonPassword).safeParse(input);
  const current = typeof input.currentPassword === "string" ? input.currentPassword : "";
  const { valid } = await verifyPassword(current.length <= PASSWORD_MAX ? staff.passwordHash : null, current);
  if (!valid) {
    await recordActivity(db, staffEntry(staff, staff, "staff.password-change-failed", ip));
    return { ok: false, reason: "rejected", fieldErrors: { currentPassword: [backOfficeCode("console", "currentPasswordWrong")] } };
  }
  if (!parsed.success) return { ok: false, reason: "rejected", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ passwordHash, passwordTemporary: false, temporaryExpiresAt: null })
      .where(eq(staffUsers.id, staff.id));
    await endStaffSessions(tx, staff.id, sessionId);
    await recordActivity(tx, staffEntry(staff, staff, "staff.password-changed", ip));
  });
  return { ok: true };
}

export type StaffSignInResult =
  | { ok: true; staff: StaffUser; sessionId: string; secondFactor: boolean }
  | Failure<"invalid" | "temporary-expired">
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Back-office sign-in: the storefront's protections (one argon2 cost for every failure, each attempt counted before
 * its password is verified, growing delays). For a user with a second factor (`secondFactor`) the password is only
 * the first step: the account keeps its failures until a code is accepted (lib/staff/second-factor), so that signing
 * in again with a stolen password does not buy more guesses at the code.
 */
export async function authenticateStaff(
  db: Db,
  credentials: { email: unknown; password: unknown },
  client: SessionClient | null,
  now = new Date(),
): Promise<StaffSignInResult> {
  const { ip } = clientColumns(client);
  const email = emailField.safeParse(credentials.email);
  const password = typeof credentials.password === "string" ? credentials.password : "";
  const account = email.success ? `staff:${email.data}` : null;
  const [reservation, [found]] = await Promise.all([
    reserveAttempt(db, signInSubjects(account, ip)),
    email.success
      ? db
          .select({ user: staffUsers, secondFactorSince: staffSecondFactors.confirmedAt })
          .from(staffUsers)
          .leftJoin(staffSecondFactors, eq(staffSecondFactors.staffId, staffUsers.id))
          .where(sql`lower(${staffUsers.email}) = ${email.data}`)
      : [],
  ]);
  const user = found?.user;
  const secondFactor = Boolean(found?.secondFactorSince);
  const passed = secondFactor ? firstStepOf(reservation) : reservation;
  const entry = (action: string, details: Record<string, unknown> = {}): ActivityEntry => ({
    action,
    actorType: user ? "staff" : "anonymous",
    actorId: user?.id,
    staffId: user?.id,
    email: email.success ? email.data : null,
    ip,
    details,
  });
  const log = (action: string, details?: Record<string, unknown>) => recordActivity(db, entry(action, details));
  if (!reservation.ok) {
    await log("staff.sign-in-throttled");
    return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const usable = password.length > 0 && password.length <= PASSWORD_MAX;
  const { valid, needsRehash } = await verifyPassword(usable ? (user?.passwordHash ?? null) : null, password);
  if (!user || !valid || user.status !== "active") {
    await log("staff.sign-in-failed", { reason: !user ? "unknown" : !valid ? "password" : "disabled" });
    return { ok: false, reason: "invalid" };
  }
  if (user.passwordTemporary && user.temporaryExpiresAt && user.temporaryExpiresAt <= now) {
    await attemptSucceeded(db, passed);
    await log("staff.sign-in-failed", { reason: "temporary-expired" });
    return { ok: false, reason: "temporary-expired" };
  }
  if (needsRehash) await db.update(staffUsers).set({ passwordHash: await hashPassword(password) }).where(eq(staffUsers.id, user.id));
  // Taking the count back, the activity entry and the session in one statement: a sign-in's only round trip after the hash.
  const settle = succeededAttempt(passed);
  const signedIn = sql`signed_in as (${activityInsert(db, entry("staff.signed-in")).getSQL()})`;
  // With an authenticator app the password opens only a session waiting for its code (SPEC §10).
  const session = db
    .insert(staffSessions)
    .values({ staffId: user.id, ...clientColumns(client), secondFactorPending: secondFactor })
    .returning({ id: staffSessions.id })
    .getSQL();
  const [opened] = rowsOf<{ id: string }>(await db.execute(sql`with ${settle ? sql`${settle}, ` : sql``}${signedIn} ${session}`));
  return { ok: true, staff: user, sessionId: opened.id, secondFactor };
}

/** A signed-in business user's session and the second step it still has to take, if any (SPEC §10). */
export type StaffSessionContext = StaffContext & { secondFactor: SecondFactorDue };

/**
 * The business user behind a session, if it is still open: not signed out or ended by a password change,
 * reset or deactivation, and used within the last `idleMinutes`. Using it keeps it alive. Read in the same query:
 * whether the session still waits for a second factor, so that the guard can hold it at that step.
 */
export async function validateStaffSession(
  db: Db,
  sessionId: string,
  idleMinutes: number,
  now = new Date(),
): Promise<StaffSessionContext | null> {
  if (!isSessionId(sessionId)) return null;
  const [row] = await db
    .select({ session: staffSessions, staff: staffUsers, factorSince: staffSecondFactors.confirmedAt, required: systemPreferences.value })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .leftJoin(staffSecondFactors, and(eq(staffSecondFactors.staffId, staffUsers.id), isNotNull(staffSecondFactors.confirmedAt)))
    .leftJoin(systemPreferences, eq(systemPreferences.key, REQUIRE_SECOND_FACTOR))
    .where(eq(staffSessions.id, sessionId));
  if (!row || row.session.endedAt || row.staff.status !== "active") return null;
  const open = await keepSessionAlive(db, staffSessionStore, row.session, idleMinutes * 60_000, now);
  if (!open) return null;
  const secondFactor = dueSecondFactor({
    pending: row.session.secondFactorPending,
    hasFactor: row.factorSince !== null,
    required: isSecondFactorRequired(row.required),
  });
  return { staff: row.staff, sessionId, secondFactor };
}

/**
 * Once the second step is done (a code accepted, or a factor set up), the waiting session ends and a new one opens
 * for the same person and browser: the step raises what the session may do, so its id changes (a cookie copied
 * while it waited stays worthless). Returns the new session's id; null when the waiting one had ended meanwhile.
 */
export async function completeSecondFactorStep(db: Db, sessionId: string): Promise<string | null> {
  if (!isSessionId(sessionId)) return null;
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(staffSessions)
      .set({ endedAt: new Date() })
      .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)))
      .returning({ staffId: staffSessions.staffId, ip: staffSessions.ip, userAgent: staffSessions.userAgent });
    if (!ended) return null;
    const [opened] = await tx.insert(staffSessions).values(ended).returning({ id: staffSessions.id });
    return opened.id;
  });
}

/**
 * A factor set up in a session that owed it: the session goes on as it is. No new id here, unlike after a code: the
 * session could already set up a factor of its choosing, so a copy of its cookie gains nothing from the set-up. Only
 * the wait for a code is cleared (a session that waited for a factor since reset, then set up a new one).
 */
export async function completeSecondFactorSetUp(db: Db, sessionId: string): Promise<void> {
  if (!isSessionId(sessionId)) return;
  await db.update(staffSessions).set({ secondFactorPending: false }).where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)));
}

export async function endStaffSession(db: Db, sessionId: string): Promise<void> {
  await endSession(db, staffSessionStore, sessionId);
}

/** The user's own "Signed-in devices": their open back-office sessions, this one marked. */
export async function staffDevices(db: Db, context: StaffContext, idleMinutes: number, now = new Date()): Promise<SignedInDevice[]> {
  const active = new Date(now.getTime() - idleMinutes * 60_000);
  return signedInDevices(db, staffSessionStore, { ownerId: context.staff.id, currentSessionId: context.sessionId }, active);
}

/** "Sign out everywhere else": every other back-office session of the user ends; logged. Returns how many ended. */
export async function signOutOtherStaffSessions(db: Db, context: StaffContext, ip: string | null): Promise<number> {
  const { staff, sessionId } = context;
  const entry = staffEntry(staff, staff, "staff.signed-out-elsewhere", ip);
  return signOutElsewhere(db, staffSessionStore, { ownerId: staff.id, currentSessionId: sessionId }, entry);
}

/** A business user's own choice of language for the back office and their e-mails (SPEC §9); logged. Null: not one of ours. */
export async function chooseStaffLocale(db: Db, staff: StaffUser, value: unknown, ip: string | null): Promise<Locale | null> {
  if (!isLocale(value)) return null;
  if (value === staff.locale) return value;
  await db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ locale: value }).where(eq(staffUsers.id, staff.id));
    await recordActivity(tx, staffEntry(staff, staff, "staff.language-changed", ip, { from: staff.locale, to: value }));
  });
  return value;
}
