import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { systemPreferences } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { checkPattern, type PatternVerdict } from "@/lib/passwords/pattern-check";
import type { PasswordPolicy } from "@/lib/passwords/policy";

/** YesCart's default: 8+ characters with a digit, a lower-case and an upper-case letter and one of @#$%^&+=. */
export const DEFAULT_MANAGER_PASSWORD_REGEX = "(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])(?=.*[@#$%^&+=])(?=\\S+$).{8,}";

export async function managerPasswordRegex(db: Db): Promise<string> {
  const [row] = await db.select().from(systemPreferences).where(eq(systemPreferences.key, "MANAGER_PASSWORD_REGEX"));
  return row?.value ?? DEFAULT_MANAGER_PASSWORD_REGEX;
}

/**
 * The policy in force for business users' passwords (SPEC §7). It has no message of its own: a refusal names the
 * rules of the regex that the password breaks (lib/passwords/rules.ts).
 */
export async function managerPasswordPolicy(db: Db): Promise<PasswordPolicy> {
  return { regex: await managerPasswordRegex(db), regexMessage: null };
}

/** Saves MANAGER_PASSWORD_REGEX after checking that it cannot stall the server and that generated passwords meet it. */
export async function setManagerPasswordRegex(
  db: Db,
  actor: { id: string; email: string },
  pattern: string,
  ip: string | null,
): Promise<PatternVerdict> {
  const verdict = checkPattern(pattern, { generatedPasswords: true });
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
