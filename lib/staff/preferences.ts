import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { systemPreferences } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { checkPasswordPattern, type PatternVerdict } from "@/lib/passwords/pattern-check";
import type { PasswordPolicy } from "@/lib/passwords/policy";

/** YesCart's default: 8+ characters with a digit, a lower-case and an upper-case letter and one of @#$%^&+=. */
export const DEFAULT_MANAGER_PASSWORD_REGEX = "(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{8,}";
const MANAGER_PASSWORD_MESSAGE =
  "Use at least 8 characters with a digit, a lower-case letter, an upper-case letter and one of @#$%^&+=, and no spaces.";
const CUSTOM_MESSAGE = "This password does not meet the back office's password rules (MANAGER_PASSWORD_REGEX).";

export async function managerPasswordRegex(db: Db): Promise<string> {
  const [row] = await db.select().from(systemPreferences).where(eq(systemPreferences.key, "MANAGER_PASSWORD_REGEX"));
  return row?.value ?? DEFAULT_MANAGER_PASSWORD_REGEX;
}

/** The policy in force for business users' passwords (SPEC §7). */
export async function managerPasswordPolicy(db: Db): Promise<PasswordPolicy> {
  const regex = await managerPasswordRegex(db);
  return { regex, regexMessage: regex === DEFAULT_MANAGER_PASSWORD_REGEX ? MANAGER_PASSWORD_MESSAGE : CUSTOM_MESSAGE };
}

/** Saves MANAGER_PASSWORD_REGEX after checking that it cannot stall the server and that generated passwords meet it. */
export async function setManagerPasswordRegex(
  db: Db,
  actor: { id: string; email: string },
  pattern: string,
  ip: string | null,
): Promise<PatternVerdict> {
  const verdict = checkPasswordPattern(pattern);
  if (!verdict.ok) return verdict;
  await db.transaction(async (tx) => {
    const previous = await managerPasswordRegex(tx);
    await tx
      .insert(systemPreferences)
      .values({ key: "MANAGER_PASSWORD_REGEX", value: pattern, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: systemPreferences.key,
        set: { value: pattern, updatedBy: actor.id, updatedAt: new Date() },
      });
    await recordActivity(tx, {
      action: "settings.changed",
      actorType: "staff",
      actorId: actor.id,
      email: actor.email,
      ip,
      details: { key: "MANAGER_PASSWORD_REGEX", from: previous, to: pattern },
    });
  });
  return { ok: true };
}
