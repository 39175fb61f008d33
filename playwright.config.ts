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
