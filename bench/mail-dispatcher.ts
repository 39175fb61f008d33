// One "instance" of the app's dispatcher for `npm run bench:mail`: it drains the outbox the way a deployment does
// (cron-sized runs back to back, here without the pause between cron calls), through the real Resend SDK, until the
// parent says stop. Started by bench/mail.ts with the bench's DATABASE_URL, AUTH_SECRET and RESEND_* variables.
import { getDb } from "@/db/client";
import { renderNotification } from "@/emails/render";
import { getEnv } from "@/lib/env";
import { deliverWithConfiguredTransport } from "@/lib/mail/deliver";
import { activationProps } from "@/lib/testing/mail";

const send = (message: unknown) => process.send?.(message);
let stopping = false;
process.on("message", (message) => {
  if (message === "stop") stopping = true;
});
process.on("disconnect", () => process.exit(0));

const env = getEnv();
const db = await getDb();
// Warm up: the first render loads React and the templates; an instance in service has done that long ago.
await renderNotification("storefront-account-activation", activationProps("warm-up@example.com"));
send("ready");
await new Promise<void>((resolve) => process.once("message", (message) => message === "go" && resolve()));

while (!stopping) {
  // A run that fails (as a request's after-response work or a cron call may) is logged; its e-mails wait out their lease.
  const handled = await deliverWithConfiguredTransport(db, env, { maxEmails: 1_000_000, maxSeconds: 50, drain: true }).then(
    ({ sent, retried, failed }) => sent + retried + failed,
    (error: Error) => console.error(`[bench:mail] a dispatcher run failed: ${error.message}`) ?? 0,
  );
  // Nothing due right now (the rest waits for a retry): look again shortly, as the next request or cron call would.
  if (handled === 0) await new Promise((resolve) => setTimeout(resolve, 100));
}
process.exit(0);
