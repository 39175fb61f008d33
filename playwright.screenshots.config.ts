import { defineConfig } from "@playwright/test";
import e2e from "./playwright.config";

/**
 * `npm run screenshots`: the e2e set-up (e2e/run.mjs: database, production build, sink and `next start` on free
 * ports) running scripts/screenshots.ts instead of the specs.
 */
export default defineConfig({
  ...e2e,
  testDir: "./scripts",
  testMatch: "screenshots.ts",
  timeout: 600_000,
  workers: 1,
  projects: [{ name: "screenshots", use: { browserName: "chromium" } }],
  // Not the specs' test-results/, which Playwright empties when it starts.
  outputDir: "test-results/screenshots",
});
