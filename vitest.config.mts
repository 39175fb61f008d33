import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Domain modules guard against client bundling with "server-only"; tests run them on Node directly.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "emails/**/*.test.ts", "e2e/**/*.test.ts", "bench/**/*.test.ts", "app/**/*.test.ts", "i18n/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file opens its own databases (lib/testing/databases.ts): two files at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
