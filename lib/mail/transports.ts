import { Resend } from "resend";
import type { Db } from "@/db/client";
import { mailboxMessages } from "@/db/schema";
import type { Env } from "@/lib/env";
import { seal } from "./seal";

export type OutgoingEmail = {
  /** The outbox row's id, used as the idempotency key so that a retry never sends twice. */
  id: string;
  type: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};

export type SendResult =
  | { ok: true; providerId: string }
  | {
      ok: false;
      retryable: boolean;
      /** The provider refused for its rate limit (429): no fault of the e-mail, and further requests would be refused too. */
      rateLimited?: boolean;
      retryAfterSeconds?: number;
      error: string;
    };

export type Transport = { name: "local" | "resend"; send: (email: OutgoingEmail) => Promise<SendResult> };

/** The local mailbox (SPEC §5): e-mails kept in the database, bodies sealed like the outbox. */
export function localTransport(db: Db, secret: string): Transport {
  return {
    name: "local",
    async send(email) {
      await db
        .insert(mailboxMessages)
        .values({
          outboxId: email.id,
          type: email.type,
          from: email.from,
          to: email.to,
          subject: email.subject,
          body: seal(secret, JSON.stringify({ html: email.html, text: email.text })),
        })
        .onConflictDoNothing();
      return { ok: true, providerId: `local:${email.id}` };
    },
  };
}

export function resendTransport(apiKey: string, baseUrl?: string): Transport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, "") } : undefined);
  return {
    name: "resend",
    async send(email) {
      const { data, error, headers } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          tags: [{ name: "notification", value: email.type }],
        },
        { idempotencyKey: email.id },
      );
      if (data) return { ok: true, providerId: data.id };
      const status = error?.statusCode ?? null;
      const retryAfter = Number(headers?.["retry-after"]);
      const rateLimited = status === 429 || error?.name === "rate_limit_exceeded";
      return {
        ok: false,
        // No status means the request never got an answer (network); 5xx and 429 are worth another try.
        retryable: status === null || rateLimited || status >= 500,
        rateLimited,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        error: `${status ?? "network"} ${error?.name ?? "error"}: ${error?.message ?? "unknown"}`.slice(0, 500),
      };
    },
  };
}

export function transportFor(env: Env, db: Db): Transport {
  return env.mail.transport === "resend"
    ? resendTransport(env.mail.apiKey, env.mail.baseUrl)
    : localTransport(db, env.authSecret);
}
