import { tmpdir } from "node:os";

/** The environment of the app under test, shared by Playwright's web server and the CLI tools the tests run. */
export const appPort = Number(process.env.E2E_APP_PORT || 3100);
export const sinkPort = Number(process.env.E2E_SINK_PORT || 3199);
/** The app's stdout and stderr as `next start` wrote them, for specs that check what the server logs. */
export const serverLog = process.env.E2E_SERVER_LOG || `${tmpdir()}/storefront-e2e-server-${appPort}.log`;

/** The signing secret of the app's Resend webhook: the e2e specs sign events with it as Resend would. */
export const webhookSecret = `whsec_${Buffer.from("e2e webhook signing secret, 32 b").toString("base64")}`;

export function appEnv(): Record<string, string> {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error("Run the e2e suite with `npm run test:e2e`: it prepares the database and the build.");
  return {
    NODE_ENV: "production",
    NEXT_DIST_DIR: ".next-e2e",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "e2e-secret-that-is-long-enough-to-be-valid-0123456789",
    RESEND_API_KEY: "re_e2e_test_key",
    RESEND_BASE_URL: `http://127.0.0.1:${sinkPort}`,
    APP_URL: `http://localhost:${appPort}`,
    CRON_SECRET: "e2e-cron-secret-0123456789",
    RESEND_WEBHOOK_SECRET: webhookSecret,
    EMAIL_FROM: "Storefront Accounts <office@example.com>",
    // Tests act as different clients through X-Forwarded-For, as behind a proxy.
    TRUST_PROXY: "true",
  };
}
