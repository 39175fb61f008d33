import type { Db } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { secretVariables, type NotificationProps, type NotificationType } from "./notifications";
import { seal } from "./seal";

export type QueuedEmail<T extends NotificationType> = {
  type: T;
  shopId: string | null;
  customerId?: string | null;
  to: string;
  props: NotificationProps[T];
};

/** The template variables with links and passwords removed: what logs and the back office may show. */
export function redact(props: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => [
      key,
      (secretVariables as readonly string[]).includes(key) ? "[redacted]" : value,
    ]),
  );
}

/**
 * Queues an e-mail inside the caller's transaction (SPEC §6 outbox): it is sent only if that transaction commits.
 * Links and passwords are sealed at rest and purged once delivered.
 */
export async function enqueueEmail<T extends NotificationType>(tx: Db, email: QueuedEmail<T>): Promise<string> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      type: email.type,
      shopId: email.shopId,
      customerId: email.customerId ?? null,
      recipient: email.to,
      payload: seal(getEnv().authSecret, JSON.stringify(email.props)),
      redacted: redact(email.props),
    })
    .returning({ id: emailOutbox.id });
  return row.id;
}
