import { Resend } from "resend";
import type { Db } from "@/db/client";
import { mailboxMessages } from "@/db/schema";
import type { Env } from "@/lib/env";
import { seal } from "./seal";

export type OutgoingEmail = {
  /** The outbox row's id: tagged as `outbox`, and the idempotency key when the e-mail goes out alone. */
  id: string;
  type: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};

/** What became of one e-mail of a request the provider answered. */
export type EmailOutcome = { ok: true; providerId: string } | { ok: false; error: string };

export type SendResult =
  /** The provider answered: one outcome per e-mail, in order (in a batch some may be refused alone). */
  | { ok: true; outcomes: EmailOutcome[] }
  /** The whole request failed. */
  | {
      ok: false;
      retryable: boolean;
      /** The provider refused for its rate limit (429): no fault of the e-mails, and further requests would be refused too. */
      rateLimited?: boolean;
      retryAfterSeconds?: number;
      error: string;
    };

/**
 * Sends e-mails in one request under one idempotency key, so that repeating a request never sends twice.
 * `rateLimited`: the provider limits requests per second (the dispatcher keeps to the shared budget).
 */
export type Transport = {
  name: "local" | "resend";
  rateLimited: boolean;
  send: (emails: OutgoingEmail[], idempotencyKey: string) => Promise<SendResult>;
};

/** The local mailbox (SPEC §5): e-mails kept in the database, bodies sealed like the outbox. */
export function localTransport(db: Db, secret: string): Transport {
  return {
    name: "local",
    rateLimited: false,
    async send(emails) {
      await db
        .insert(mailboxMessages)
        .values(
          emails.map((email) => ({
            outboxId: email.id,
            type: email.type,
            from: email.from,
            to: email.to,
            subject: email.subject,
            body: seal(secret, JSON.stringify({ html: email.html, text: email.text })),
          })),
        )
        .onConflictDoNothing();
      return { ok: true, outcomes: emails.map((email) => ({ ok: true, providerId: `local:${email.id}` })) };
    },
  };
}

/** An API error as the SDK hands it back. */
type ResendError = { statusCode?: number | null; name?: string; message?: string } | null;

function requestFailure(error: ResendError, headers: Record<string, string> | null | undefined): SendResult {
  const status = error?.statusCode ?? null;
  const retryAfter = Number(headers?.["retry-after"]);
  const rateLimited = status === 429 || error?.name === "rate_limit_exceeded";
  return {
    ok: false,
    // No status means the request never got an answer (network); 5xx and 429 are worth another try.
    retryable: status === null || rateLimited || status >= 500,
    rateLimited,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    error: describeFailure(status ?? "network", error?.name ?? "error", error?.message ?? "unknown"),
  };
}

const describeFailure = (status: number | string, name: string, message: string) => `${status} ${name}: ${message}`.slice(0, 500);

/**
 * A request without an answer by then is given up (and repeated later under the same key): without a limit a
 * connection the provider never answers would hold the dispatcher, and its e-mails, until the host kills it.
 */
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Resend (SPEC §6): one e-mail through `emails.send`, more (up to 100) through the batch endpoint in permissive
 * validation, so that an e-mail the provider refuses does not take the others down with it.
 */
export function resendTransport(apiKey: string, baseUrl?: string, timeoutMs = REQUEST_TIMEOUT_MS): Transport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, "") } : undefined);
  const payload = (email: OutgoingEmail) => ({
    from: email.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    // The outbox id lets a webhook find its e-mail even before the provider's id is stored.
    tags: [
      { name: "notification", value: email.type },
      { name: "outbox", value: email.id },
    ],
  });
  return {
    name: "resend",
    rateLimited: true,
    async send(emails, idempotencyKey) {
      if (emails.length === 1) {
        const { data, error, headers } = await resend.emails.send(payload(emails[0]), { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) });
        return data ? { ok: true, outcomes: [{ ok: true, providerId: data.id }] } : requestFailure(error, headers);
      }
      const { data, error, headers } = await resend.batch.send(emails.map(payload), {
        idempotencyKey,
        batchValidation: "permissive",
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!data) return requestFailure(error, headers);
      // The accepted e-mails' ids come in order, the refused ones by their index.
      const refused = new Map((data.errors ?? []).map((refusal) => [refusal.index, refusal.message]));
      const ids = data.data.map((accepted) => accepted.id);
      const outcomes = emails.map((_, index): EmailOutcome => {
        const message = refused.get(index);
        if (message !== undefined) return { ok: false, error: describeFailure(422, "validation_error", message) };
        const providerId = ids.shift();
        return providerId ? { ok: true, providerId } : { ok: false, error: "The provider returned no id for this e-mail" };
      });
      return { ok: true, outcomes };
    },
  };
}

export function transportFor(env: Env, db: Db): Transport {
  return env.mail.transport === "resend"
    ? resendTransport(env.mail.apiKey, env.mail.baseUrl)
    : localTransport(db, env.authSecret);
}
