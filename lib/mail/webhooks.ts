import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { Resend } from "resend";
import { z } from "zod";
import type { Db } from "@/db/client";
import { emailEvents, emailOutbox, type OutboxStatus } from "@/db/schema";
import { suppressAddress } from "./suppression";

/** Resend's webhook headers (Svix): the event id, when it was signed, and the signatures. */
export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/** The events that move an e-mail after the provider accepted it, and the status each one stands for. */
const eventStatuses = {
  "email.delivery_delayed": "delayed",
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
} as const satisfies Record<string, OutboxStatus>;

type DeliveryStatus = (typeof eventStatuses)[keyof typeof eventStatuses];

/**
 * Events arrive in any order: an e-mail only moves up this list, so a late `delivered` never overwrites a
 * `bounced` or `complained`, and a late `delayed` never overwrites a `delivered`.
 */
const precedence: readonly OutboxStatus[] = ["sent", "delayed", "delivered", "bounced", "complained"];

/** The statuses an event may replace: those below it on the list. */
function statusesBelow(status: DeliveryStatus): OutboxStatus[] {
  return precedence.slice(0, precedence.indexOf(status));
}

const timestamp = z
  .string()
  .max(40)
  .transform((value) => new Date(value))
  .pipe(z.date());
/** Free text kept in the event history: short, without control characters (PostgreSQL refuses a NUL). */
const label = z
  .string()
  .max(100)
  .transform((value) => value.replace(/\p{Cc}/gu, ""));

const payloadSchema = z.object({
  type: label,
  created_at: timestamp,
  data: z
    .object({
      email_id: z.string().regex(/^[\w.:@-]{1,200}$/).optional(),
      created_at: timestamp.optional(),
      bounce: z.object({ type: label.optional(), subType: label.optional() }).optional(),
      // Our `outbox` tag (the row's id), as an object or as Resend's { name, value } list.
      tags: z
        .union([z.record(z.string(), z.string()), z.array(z.object({ name: z.string(), value: z.string() }))])
        .optional()
        .transform((tags) => (Array.isArray(tags) ? tags.find((tag) => tag.name === "outbox")?.value : tags?.outbox))
        .pipe(z.uuid().optional().catch(undefined)),
    })
    .optional(),
});

export type WebhookResult =
  | { ok: true; outcome: "recorded" | "replayed" | "ignored" }
  | { ok: false; reason: "signature" | "malformed" };

/** Verification needs no API call; the SDK's constructor insists on a key all the same. */
const verifier = new Resend("re_webhook_verification_only").webhooks;

function verifySignature(secret: string, body: string, headers: WebhookHeaders): unknown {
  if (!headers.id || !headers.timestamp || !headers.signature) return undefined;
  try {
    return verifier.verify({
      payload: body,
      headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature },
      webhookSecret: secret,
    });
  } catch {
    return undefined;
  }
}

/** Moves an e-mail to an event's status unless it already stands higher (or is not sent yet: see catchUpEvents). */
async function moveUp(db: Db, id: string, status: DeliveryStatus): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status })
    .where(and(eq(emailOutbox.id, id), inArray(emailOutbox.status, statusesBelow(status))));
}

/**
 * Applies events that arrived before the dispatcher marked their e-mails sent (found by the outbox tag): the row was
 * still being sent then, and must not leave the queue before its request is settled.
 */
export async function catchUpEvents(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const early = await db.select({ outboxId: emailEvents.outboxId, type: emailEvents.type }).from(emailEvents).where(inArray(emailEvents.outboxId, ids));
  for (const event of early) {
    if (event.type in eventStatuses) await moveUp(db, event.outboxId, eventStatuses[event.type as keyof typeof eventStatuses]);
  }
}

/** A hard bounce (Resend's "Permanent") or a complaint keeps later e-mails from the address; a soft bounce does not. */
function suppressionReason(type: string, bounceType: string | undefined): "bounce" | "complaint" | null {
  if (type === "email.complained") return "complaint";
  if (type === "email.bounced" && bounceType === "Permanent") return "bounce";
  return null;
}

/**
 * Records one of Resend's signed webhook events (SPEC §6): verified with the signing secret, idempotent by the
 * event id, out-of-order safe. Events about e-mails we do not know, or of other types, are ignored. A bad
 * signature or a malformed payload changes nothing.
 */
export async function receiveResendWebhook(db: Db, secret: string, body: string, headers: WebhookHeaders): Promise<WebhookResult> {
  const verified = verifySignature(secret, body, headers);
  if (verified === undefined) return { ok: false, reason: "signature" };
  const parsed = payloadSchema.safeParse(verified);
  if (!parsed.success || headers.id!.length > 200) return { ok: false, reason: "malformed" };
  const event = parsed.data;
  if (!(event.type in eventStatuses) || !event.data?.email_id) return { ok: true, outcome: "ignored" };
  const status = eventStatuses[event.type as keyof typeof eventStatuses];
  const providerId = event.data.email_id;
  const bounceType = event.data.bounce?.type;

  return db.transaction(async (tx) => {
    // By the provider's id; an event that overtakes the dispatcher's write of that id is found by our tag.
    const outboxId = event.data!.tags;
    const [email] = await tx
      .select({ id: emailOutbox.id, recipient: emailOutbox.recipient })
      .from(emailOutbox)
      .where(
        outboxId
          ? or(eq(emailOutbox.providerId, providerId), and(eq(emailOutbox.id, outboxId), isNull(emailOutbox.providerId)))
          : eq(emailOutbox.providerId, providerId),
      )
      .limit(1);
    if (!email) return { ok: true, outcome: "ignored" } as const;
    const details: Record<string, string> = {};
    if (bounceType) details.bounceType = bounceType;
    if (event.data?.bounce?.subType) details.bounceSubType = event.data.bounce.subType;
    const [inserted] = await tx
      .insert(emailEvents)
      .values({ outboxId: email.id, type: event.type, providerEventId: headers.id!, occurredAt: event.created_at, details })
      .onConflictDoNothing()
      .returning({ id: emailEvents.id });
    if (!inserted) return { ok: true, outcome: "replayed" } as const;
    await moveUp(tx, email.id, status);
    const reason = suppressionReason(event.type, bounceType);
    if (reason) await suppressAddress(tx, email.recipient, reason, email.id);
    return { ok: true, outcome: "recorded" } as const;
  });
}
