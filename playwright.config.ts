import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";

const appPort = Number(process.env.E2E_APP_PORT || 3100);
const sinkPort = Number(process.env.E2E_SINK_PORT || 3199);
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("Run the e2e suite with `npm run test:e2e`: it prepares the database and the build.");

/** CHROMIUM_PATH, then Debian's Chromium, then Playwright's own; Playwright cannot download one on these machines. */
function chromiumPath(): string {
  const bundled = chromium.executablePath();
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", bundled]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error("No Chromium found: run `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary.");
}

const executablePath = chromiumPath();

const appEnv = {
  NODE_ENV: "production",
  NEXT_DIST_DIR: ".next-e2e",
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: "e2e-secret-that-is-long-enough-to-be-valid-0123456789",
  RESEND_API_KEY: "re_e2e_test_key",
  RESEND_BASE_URL: `http://127.0.0.1:${sinkPort}`,
  APP_URL: `http://localhost:${appPort}`,
  CRON_SECRET: "e2e-cron-secret-0123456789",
  EMAIL_FROM: "shop@example.com",
  // Tests act as different clients through X-Forwarded-For, as behind a proxy.
  TRUST_PROXY: "true",
};

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${appPort}`,
    trace: "off",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: `node e2e/resend-sink.mjs --port ${sinkPort}`,
      url: `http://127.0.0.1:${sinkPort}/_sink/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: `npx next start -p ${appPort}`,
      url: `http://localhost:${appPort}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: appEnv,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
