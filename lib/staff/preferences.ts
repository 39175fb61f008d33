import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { systemPreferences } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { checkPattern, type PatternVerdict } from "@/lib/passwords/pattern-check";
import type { PasswordPolicy } from "@/lib/passwords/policy";

type PreferenceKey = "MANAGER_PASSWORD_REGEX" | typeof REQUIRE_SECOND_FACTOR;

/** The key of "Require a second factor for business users", for queries that read it along with other rows. */
export const REQUIRE_SECOND_FACTOR = "REQUIRE_SECOND_FACTOR";

/** Whether the stored value of REQUIRE_SECOND_FACTOR (or its absence) means on. */
export function isSecondFactorRequired(value: string | null | undefined): boolean {
  return value === "true";
}
type Actor = { id: string; email: string };

/** YesCart's default: 8+ characters with a digit, a lower-case and an upper-case letter and one of @#$%^&+=. */
export const DEFAULT_MANAGER_PASSWORD_REGEX = "(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{8,}";

async function preference(db: Db, key: PreferenceKey): Promise<string | null> {
  const [row] = await db.select().from(systemPreferences).where(eq(systemPreferences.key, key));
  return row?.value ?? null;
}

/** Saves a preference and logs the change from what it was (`previous`, as in force) to what it is. */
async function savePreference(tx: Db, actor: Actor, change: { key: PreferenceKey; previous: string; value: string }, ip: string | null): Promise<void> {
  const { key, previous, value } = change;
  await tx
    .insert(systemPreferences)
    .values({ key, value, updatedBy: actor.id })
    .onConflictDoUpdate({ target: systemPreferences.key, set: { value, updatedBy: actor.id, updatedAt: new Date() } });
  await recordActivity(tx, {
    action: "settings.changed",
    actorType: "staff",
    actorId: actor.id,
    email: actor.email,
    ip,
    details: { key, from: previous, to: value },
  });
}

export async function managerPasswordRegex(db: Db): Promise<string> {
  return (await preference(db, "MANAGER_PASSWORD_REGEX")) ?? DEFAULT_MANAGER_PASSWORD_REGEX;
}

/**
 * The policy in force for business users' passwords (SPEC §7). It has no message of its own: a refusal names the
 * rules of the regex that the password breaks (lib/passwords/rules.ts).
 */
export async function managerPasswordPolicy(db: Db): Promise<PasswordPolicy> {
  return { regex: await managerPasswordRegex(db), regexMessage: null };
}

/** Saves MANAGER_PASSWORD_REGEX after checking that it cannot stall the server and that generated passwords meet it. */
export async function setManagerPasswordRegex(db: Db, actor: Actor, pattern: string, ip: string | null): Promise<PatternVerdict> {
  const verdict = checkPattern(pattern, { generatedPasswords: true });
  if (!verdict.ok) return verdict;
  await db.transaction(async (tx) => {
    const change = { key: "MANAGER_PASSWORD_REGEX", previous: await managerPasswordRegex(tx), value: pattern } as const;
    await savePreference(tx, actor, change, ip);
  });
  return { ok: true };
}

/** "Require a second factor for business users" (SPEC §10): stored as "true" or "false", off unless set. */
export async function secondFactorRequired(db: Db): Promise<boolean> {
  return isSecondFactorRequired(await preference(db, REQUIRE_SECOND_FACTOR));
}

/** Turns REQUIRE_SECOND_FACTOR on or off, logged like every settings change. */
export async function setSecondFactorRequired(db: Db, actor: Actor, required: boolean, ip: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    const change = { key: REQUIRE_SECOND_FACTOR, previous: String(await secondFactorRequired(tx)), value: String(required) } as const;
    await savePreference(tx, actor, change, ip);
  });
}
