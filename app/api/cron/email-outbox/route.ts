import { timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { deliverDueEmailsNow } from "../../../mail";

export const dynamic = "force-dynamic";
/** Serverless hosts stop a function after this many seconds; a call drains the outbox for up to CRON_RUN_SECONDS. */
export const maxDuration = 60;
const CRON_RUN_SECONDS = 50;

function authorised(request: Request, secret: string | undefined): boolean {
  if (!secret) return false;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Delivers due e-mails from the outbox; called by the host's scheduler with `Authorization: Bearer $CRON_SECRET`. */
async function handle(request: Request): Promise<Response> {
  const { cronSecret } = getEnv();
  if (!cronSecret) return Response.json({ error: "CRON_SECRET is not configured" }, { status: 503 });
  if (!authorised(request, cronSecret)) return Response.json({ error: "Unauthorised" }, { status: 401 });
  return Response.json(await deliverDueEmailsNow({ maxEmails: 1_000_000, maxSeconds: CRON_RUN_SECONDS, drain: true }));
}

export const GET = handle;
export const POST = handle;
