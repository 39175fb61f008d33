import type { Db } from "@/db/client";
import { renderNotification } from "@/emails/render";
import type { Env } from "@/lib/env";
import { deliverDueEmails, type DispatchRun } from "./dispatch";
import { transportFor } from "./transports";

/** Delivers due e-mails through the configured transport: used after responses, by the cron endpoint and CLIs. */
export function deliverWithConfiguredTransport(db: Db, env: Env, run?: DispatchRun) {
  return deliverDueEmails(
    db,
    {
      transport: transportFor(env, db),
      render: renderNotification,
      secret: env.authSecret,
      defaultFrom: env.emailFrom,
      ratePerSecond: env.mail.transport === "resend" ? env.mail.ratePerSecond : undefined,
    },
    run,
  );
}
