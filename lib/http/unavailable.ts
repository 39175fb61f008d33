import { databaseAvailable } from "@/db/availability";

/** How long a client is asked to wait while the database does not answer (the server probes it every second). */
export const RETRY_AFTER_SECONDS = 5;

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.5rem">
<h1>Temporarily unavailable</h1>
<p>We cannot reach our database just now, so nothing was done or saved. Please try again in a few seconds.</p>
</body></html>`;

/**
 * A 503 with Retry-After while the database does not answer, before any page or action runs: nothing is half done,
 * and nobody waits for connections that cannot be made. Undefined while it answers.
 */
export async function databaseUnavailableResponse(): Promise<Response | undefined> {
  if (await databaseAvailable()) return undefined;
  return new Response(page, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" },
  });
}
