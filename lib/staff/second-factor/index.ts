import { randomBytes } from "node:crypto";
import { and, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { staffRecoveryCodes, staffSecondFactors, staffUsers } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { getEnv } from "@/lib/env";
import { attemptSucceeded, reserveAttempt, signInSubjects } from "@/lib/limits";
import { endSessions, staffSessionStore } from "@/lib/sessions";
import { secondFactorRequired } from "../preferences";
import { shopScope, withinShopScope } from "../scope";
import { BACK_OFFICE_NAME, findStaff, lockStaff, type Granter } from "../users";
import { generateRecoveryCodes, normalRecoveryCode } from "./recovery-codes";
import { dueSecondFactor, type SecondFactorDue } from "./step";
import { openSecret, recoveryCodeHash, sealSecret } from "./secret-box";
import { base32Encode, isTotpCode, matchingStep, otpauthUri, TOTP_SECRET_BYTES } from "./totp";

/**
 * The authenticator-app second factor of business users (SPEC §10): set up and confirmed by the user, asked for after
 * the password, reset by a user manager. Codes are accepted once each; failures count toward the sign-in limits.
 */

type Failure<R extends string> = { ok: false; reason: R };

const isStaffId = (id: string) => z.uuid().safeParse(id).success;

/** A code as typed: authenticator apps show "123 456", people paste with spaces around. */
function typedCode(code: unknown): string {
  return typeof code === "string" ? code.replace(/\s/g, "") : "";
}

export type SetupResult = { ok: true; secret: string; otpauthUri: string } | Failure<"not-found" | "already-enabled">;

/**
 * A new secret for the user's authenticator app: its base32 text and the otpauth URI for the QR code. It replaces an
 * earlier one that was never confirmed; a confirmed factor stays until a user manager resets it.
 */
export async function beginSecondFactorSetup(db: Db, staffId: string): Promise<SetupResult> {
  const staff = await findStaff(db, staffId);
  if (!staff) return { ok: false, reason: "not-found" };
  const key = randomBytes(TOTP_SECRET_BYTES);
  const secretSealed = sealSecret(getEnv().authSecret, staff.id, key);
  const [stored] = await db
    .insert(staffSecondFactors)
    .values({ staffId: staff.id, secretSealed })
    .onConflictDoUpdate({
      target: staffSecondFactors.staffId,
      set: { secretSealed, createdAt: new Date(), lastStep: null },
      setWhere: isNull(staffSecondFactors.confirmedAt),
    })
    .returning({ staffId: staffSecondFactors.staffId });
  if (!stored) return { ok: false, reason: "already-enabled" };
  const secret = base32Encode(key);
  return { ok: true, secret, otpauthUri: otpauthUri({ issuer: BACK_OFFICE_NAME, account: staff.email, secret }) };
}

export type PendingSetup = { secret: string; otpauthUri: string };

/**
 * The set-up begun and not yet confirmed, shown again to the same user until its first code arrives (a page reloaded,
 * a phone fetched): its text secret and otpauth URI. Null when there is none, or the factor is already on.
 */
export async function pendingSecondFactorSetup(db: Db, staffId: string): Promise<PendingSetup | null> {
  if (!isStaffId(staffId)) return null;
  const [row] = await db
    .select({ secretSealed: staffSecondFactors.secretSealed, email: staffUsers.email })
    .from(staffSecondFactors)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSecondFactors.staffId))
    .where(and(eq(staffSecondFactors.staffId, staffId), isNull(staffSecondFactors.confirmedAt)));
  if (!row) return null;
  const secret = base32Encode(openSecret(getEnv().authSecret, staffId, row.secretSealed));
  return { secret, otpauthUri: otpauthUri({ issuer: BACK_OFFICE_NAME, account: row.email, secret }) };
}

/** New recovery codes in place of any earlier ones: returned as shown (once), stored as keyed hashes only. */
async function replaceRecoveryCodes(tx: Db, staffId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  const authSecret = getEnv().authSecret;
  await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
  await tx.insert(staffRecoveryCodes).values(codes.map((code) => ({ staffId, codeHash: recoveryCodeHash(authSecret, normalRecoveryCode(code)!) })));
  return codes;
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | Failure<"not-started" | "already-enabled" | "invalid-code">;

/**
 * The first code from the app turns the factor on and gives the ten recovery codes. A wrong code changes nothing.
 * The confirming code's step counts as used, so the same code cannot then sign in.
 */
export async function confirmSecondFactor(db: Db, staffId: string, code: unknown, ip: string | null, now = new Date()): Promise<ConfirmResult> {
  if (!isStaffId(staffId)) return { ok: false, reason: "not-started" };
  return db.transaction(async (tx): Promise<ConfirmResult> => {
    const [row] = await tx
      .select({ factor: staffSecondFactors, email: staffUsers.email })
      .from(staffSecondFactors)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSecondFactors.staffId))
      .where(eq(staffSecondFactors.staffId, staffId))
      .for("update");
    if (!row) return { ok: false, reason: "not-started" };
    if (row.factor.confirmedAt) return { ok: false, reason: "already-enabled" };
    const step = matchingStep(openSecret(getEnv().authSecret, staffId, row.factor.secretSealed), typedCode(code), now);
    if (step === null) return { ok: false, reason: "invalid-code" };
    await tx.update(staffSecondFactors).set({ confirmedAt: now, lastStep: step }).where(eq(staffSecondFactors.staffId, staffId));
    const recoveryCodes = await replaceRecoveryCodes(tx, staffId);
    await recordActivity(tx, { action: "staff.second-factor-enabled", actorType: "staff", actorId: staffId, staffId, email: row.email, ip });
    return { ok: true, recoveryCodes };
  });
}

type Holder = { id: string; email: string; active: boolean; secretSealed: string | null };

async function holderOf(db: Db, staffId: string): Promise<Holder | null> {
  if (!isStaffId(staffId)) return null;
  const [row] = await db
    .select({ id: staffUsers.id, email: staffUsers.email, status: staffUsers.status, secretSealed: staffSecondFactors.secretSealed })
    .from(staffUsers)
    .leftJoin(staffSecondFactors, and(eq(staffSecondFactors.staffId, staffUsers.id), isNotNull(staffSecondFactors.confirmedAt)))
    .where(eq(staffUsers.id, staffId));
  return row ? { id: row.id, email: row.email, active: row.status === "active", secretSealed: row.secretSealed } : null;
}

/** Why a code was refused, for the activity log only: the person is told "invalid" whatever it was. */
type Refusal = "not-enabled" | "disabled" | "malformed" | "wrong-code" | "replayed" | "wrong-recovery-code";
type Accepted = { method: "code" } | { method: "recovery-code"; remaining: number };

/**
 * A code from the app, accepted only for a time step later than the last one accepted: one UPDATE decides, so of two
 * simultaneous uses of one code exactly one succeeds, and a code seen once (over a shoulder, in a proxy) is spent.
 */
async function acceptAppCode(db: Db, holder: Holder, secretSealed: string, code: string, now: Date): Promise<Accepted | Refusal> {
  const step = matchingStep(openSecret(getEnv().authSecret, holder.id, secretSealed), code, now);
  if (step === null) return "wrong-code";
  const factor = staffSecondFactors;
  const [advanced] = await db
    .update(factor)
    .set({ lastStep: step })
    .where(and(eq(factor.staffId, holder.id), isNotNull(factor.confirmedAt), or(isNull(factor.lastStep), lt(factor.lastStep, step))))
    .returning({ staffId: factor.staffId });
  return advanced ? { method: "code" } : "replayed";
}

/** An unused recovery code, spent by the one UPDATE that finds it unused. */
async function acceptRecoveryCode(db: Db, holder: Holder, typed: string, now: Date): Promise<Accepted | Refusal> {
  const code = normalRecoveryCode(typed);
  if (!code) return "malformed";
  const codes = staffRecoveryCodes;
  const hash = recoveryCodeHash(getEnv().authSecret, code);
  const [used] = await db
    .update(codes)
    .set({ usedAt: now })
    .where(and(eq(codes.staffId, holder.id), eq(codes.codeHash, hash), isNull(codes.usedAt)))
    .returning({ id: codes.id });
  return used ? { method: "recovery-code", remaining: await remainingRecoveryCodes(db, holder.id) } : "wrong-recovery-code";
}

async function acceptedCode(db: Db, holder: Holder | null, code: string, now: Date): Promise<Accepted | Refusal> {
  if (!holder?.secretSealed) return "not-enabled";
  if (!holder.active) return "disabled";
  return isTotpCode(code) ? acceptAppCode(db, holder, holder.secretSealed, code, now) : acceptRecoveryCode(db, holder, code, now);
}

export type VerifyResult =
  | ({ ok: true } & Accepted)
  | Failure<"invalid">
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * The sign-in's second step: a code from the app (±1 time step of clock drift) or an unused recovery code. Each try
 * is counted on the same account and address budget as a password (lib/limits) before the code is looked at; while
 * the budget is spent nothing is checked. Success forgets the account's failures.
 */
export async function verifySecondFactor(db: Db, staffId: string, code: unknown, ip: string | null, now = new Date()): Promise<VerifyResult> {
  const holder = await holderOf(db, staffId);
  const reservation = await reserveAttempt(db, signInSubjects(holder ? `staff:${holder.email}` : null, ip));
  const log = (action: string, details: Record<string, unknown> = {}) =>
    recordActivity(db, { action, actorType: holder ? "staff" : "anonymous", actorId: holder?.id, staffId: holder?.id, email: holder?.email, ip, details });
  if (!reservation.ok) {
    await log("staff.sign-in-throttled", { step: "second-factor" });
    return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const outcome = await acceptedCode(db, holder, typedCode(code), now);
  if (typeof outcome === "string") {
    await log("staff.second-factor-failed", { reason: outcome });
    return { ok: false, reason: "invalid" };
  }
  await attemptSucceeded(db, reservation);
  if (outcome.method === "recovery-code") await log("staff.recovery-code-used", { remaining: outcome.remaining });
  else await log("staff.second-factor-verified");
  return { ok: true, ...outcome };
}

export type ResetResult = { ok: true } | Failure<"forbidden" | "not-found" | "outside-scope" | "not-enabled">;

/**
 * A user manager removes another user's second factor and recovery codes (a lost phone), within their own shop
 * scope; every session of that user ends, and they set up a new factor after their next password.
 */
export async function resetSecondFactor(db: Db, actor: Granter, staffId: string, ip: string | null): Promise<ResetResult> {
  if (!actor.roles.includes("user_manager")) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx): Promise<ResetResult> => {
    const user = await lockStaff(tx, staffId);
    if (!user) return { ok: false, reason: "not-found" };
    if (!withinShopScope(shopScope(user), shopScope(actor))) return { ok: false, reason: "outside-scope" };
    const [removed] = await tx.delete(staffSecondFactors).where(eq(staffSecondFactors.staffId, user.id)).returning({ staffId: staffSecondFactors.staffId });
    if (!removed) return { ok: false, reason: "not-enabled" };
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, user.id));
    const sessionsEnded = await endSessions(tx, staffSessionStore, user.id);
    await recordActivity(tx, {
      action: "staff.second-factor-reset",
      actorType: "staff",
      actorId: actor.id,
      staffId: user.id,
      email: user.email,
      ip,
      details: { sessionsEnded },
    });
    return { ok: true };
  });
}

/** Whether the user has a confirmed authenticator app. */
export async function hasSecondFactor(db: Db, staffId: string): Promise<boolean> {
  return (await holderOf(db, staffId))?.secretSealed != null;
}

/**
 * What the sign-in asks after the password (and any forced password change): a code ("verify"), the set-up of a
 * factor when REQUIRE_SECOND_FACTOR is on and the user has none ("set-up"), or nothing (null).
 */
export async function secondFactorStep(db: Db, staffId: string): Promise<SecondFactorDue> {
  const hasFactor = await hasSecondFactor(db, staffId);
  return dueSecondFactor({ pending: hasFactor, hasFactor, required: !hasFactor && (await secondFactorRequired(db)) });
}

/** How many unused recovery codes the user has left, for their own page. */
export async function remainingRecoveryCodes(db: Db, staffId: string): Promise<number> {
  if (!isStaffId(staffId)) return 0;
  const [row] = await db
    .select({ left: count() })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)));
  return row?.left ?? 0;
}
