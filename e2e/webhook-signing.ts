// Signs a webhook as Resend does (Svix / Standard Webhooks): HMAC-SHA256 over "<id>.<timestamp>.<body>" with the
// base64-decoded secret after its "whsec_" prefix, sent as "v1,<base64 signature>".
import { createHmac, randomUUID } from "node:crypto";

export type SignedWebhook = { body: string; headers: Record<"svix-id" | "svix-timestamp" | "svix-signature" | "content-type", string> };

export function signWebhook(secret: string, payload: unknown, options: { id?: string; at?: Date } = {}): SignedWebhook {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(Math.floor((options.at ?? new Date()).getTime() / 1000));
  const body = JSON.stringify(payload);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { body, headers: { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}`, "content-type": "application/json" } };
}

/** A Resend e-mail event about the e-mail the provider knows as `emailId`. */
export function resendEvent(type: string, emailId: string, extra: Record<string, unknown> = {}) {
  const at = new Date().toISOString();
  return {
    type,
    created_at: at,
    data: { email_id: emailId, created_at: at, from: "shop@example.com", to: ["someone@example.com"], subject: "Hello", ...extra },
  };
}
