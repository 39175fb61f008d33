import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailOutbox, emailSuppressions, type EmailSuppression, type SuppressionReason } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { normaliseEmail } from "@/lib/shops/registration-form";

/** An address as the suppression list keeps it: compared the way customers' e-mails are. */
export function suppressionKey(email: string): string {
  return normaliseEmail(email).trim().toLowerCase();
}

/** Puts an address on the list after a hard bounce or a complaint; the first reason stays. */
export async function suppressAddress(db: Db, email: string, reason: SuppressionReason, outboxId: string | null): Promise<void> {
  await db.insert(emailSuppressions).values({ email: suppressionKey(email), reason, outboxId }).onConflictDoNothing();
}

export async function findSuppression(db: Db, email: string): Promise<EmailSuppression | null> {
  const [row] = await db.select().from(emailSuppressions).where(eq(emailSuppressions.email, suppressionKey(email)));
  return row ?? null;
}

/** Who lifted a suppression and about whom, for the activity log. */
export type SuppressionLift = {
  actorId: string;
  shopId: string | null;
  customerId: string | null;
  ip: string | null;
};

/** "Remove from suppression list": e-mails to the address are sent again. Logged with the business user. */
export async function liftSuppression(db: Db, email: string, lift: SuppressionLift): Promise<{ ok: true } | { ok: false; reason: "not-suppressed" }> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(emailSuppressions).where(eq(emailSuppressions.email, suppressionKey(email))).returning();
    if (!removed) return { ok: false, reason: "not-suppressed" } as const;
    await recordActivity(tx, {
      action: "email.suppression-lifted",
      actorType: "staff",
      actorId: lift.actorId,
      shopId: lift.shopId,
      customerId: lift.customerId,
      email: removed.email,
      ip: lift.ip,
      details: { reason: removed.reason, since: removed.createdAt.toISOString() },
    });
    return { ok: true } as const;
  });
}

/**
 * Due e-mails to suppressed addresses are recorded as `suppressed` and never sent nor retried; their sealed
 * content is purged like a delivered e-mail's. Runs before the dispatcher claims e-mails for the transport.
 */
export async function suppressDueEmails(db: Db): Promise<number> {
  const suppressed = await db
    .update(emailOutbox)
    .set({ status: "suppressed", payload: null, lastError: null })
    .where(
      and(
        inArray(emailOutbox.status, ["queued", "sending"]),
        sql`${emailOutbox.nextAttemptAt} <= now()`,
        sql`lower(trim(${emailOutbox.recipient})) in (select ${emailSuppressions.email} from ${emailSuppressions})`,
      ),
    )
    .returning({ id: emailOutbox.id });
  return suppressed.length;
}
