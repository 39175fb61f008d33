import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";
import { appEnv, appPort, serverLog, sinkPort } from "./e2e/app-env";

/** CHROMIUM_PATH, then Debian's Chromium, then Playwright's own; Playwright cannot download one on these machines. */
function chromiumPath(): string {
  const bundled = chromium.executablePath();
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", bundled]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error("No Chromium found: run `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary.");
}

const executablePath = chromiumPath();

/** Specs that change state other specs read: they run alone, after all the others (see `projects`). */
const exclusiveSpecs = [
  "admin.spec.ts",
  "confirmations.spec.ts",
  "contacts.spec.ts",
  "database-outage.spec.ts",
  "mail-delivery.spec.ts",
  "notifications.spec.ts",
  "second-factor.spec.ts",
  "shop-settings.spec.ts",
  "storefront-look.spec.ts",
].map((file) => `**/${file}`);

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  // Two browsers at a time for the specs that keep to their own data; the ones that change what every test sees
  // (a shop's settings, the manager password rule, the mail sink's faults, the database itself, dashboard counts)
  // run afterwards, one at a time (a failure among the first leaves them unrun).
  workers: 2,
  retries: 0,
  // Whole flows (several sign-ins, e-mails through the sink, a hundred forged calls) on two cores shared by two
  // browsers, the server and PostgreSQL: generous limits, so that a slow machine is not a failure.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${appPort}`,
    trace: "off",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "shared", use: { browserName: "chromium" }, testIgnore: exclusiveSpecs, outputDir: "test-results/shared" },
    {
      name: "exclusive",
      use: { browserName: "chromium" },
      testMatch: exclusiveSpecs,
      dependencies: ["shared"],
      workers: 1,
      outputDir: "test-results/exclusive",
    },
  ],
  webServer: [
    {
      command: `node e2e/resend-sink.mjs --port ${sinkPort}`,
      url: `http://127.0.0.1:${sinkPort}/_sink/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      // Also kept in a file (tee), so that a spec can check what the server logged (e2e/hostile-input.spec.ts).
      command: `npx next start -p ${appPort} 2>&1 | tee ${serverLog}`,
      url: `http://localhost:${appPort}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: appEnv(),
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
