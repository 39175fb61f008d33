import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { readBounded } from "@/lib/http/request-guard";
import { receiveResendWebhook } from "@/lib/mail/webhooks";

export const dynamic = "force-dynamic";

/** Resend's e-mail events are a few kilobytes; anything larger is not one of them. */
const MAX_WEBHOOK_BYTES = 64 * 1024;

const answers = {
  notConfigured: { status: 503, error: "RESEND_WEBHOOK_SECRET is not configured" },
  tooLarge: { status: 413, error: "The payload is too large" },
  signature: { status: 400, error: "Missing or invalid webhook signature" },
  malformed: { status: 400, error: "Malformed webhook payload" },
} as const;

const answer = ({ status, error }: { status: number; error: string }) => Response.json({ error }, { status });

/** Resend's signed webhooks (SPEC §6): delivered, delayed, bounced, complained. */
export async function POST(request: Request): Promise<Response> {
  const secret = getEnv().resendWebhookSecret;
  if (!secret) return answer(answers.notConfigured);
  const bytes = await readBounded(request.body, MAX_WEBHOOK_BYTES);
  if (!bytes) return answer(answers.tooLarge);
  let body: string;
  try {
    body = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return answer(answers.malformed);
  }
  const result = await receiveResendWebhook(await getDb(), secret, body, {
    id: request.headers.get("svix-id"),
    timestamp: request.headers.get("svix-timestamp"),
    signature: request.headers.get("svix-signature"),
  });
  if (!result.ok) return answer(answers[result.reason]);
  return Response.json({ outcome: result.outcome });
}
