// The e2e suite: a fresh PostgreSQL database, a production build, then Playwright (which starts the
// Resend-compatible sink and `next start`). The database is dropped afterwards, whatever happened.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import postgres from "postgres";

const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const name = `sfa_e2e_${randomBytes(6).toString("hex")}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, env) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/**
 * Playwright as playwright.config.ts says: the specs that keep to their own data two at a time, then the ones that
 * change what every test sees, alone. A run of chosen specs (`npm run test:e2e -- e2e/x.spec.ts`) runs just those,
 * one at a time; another config (`--config`, as `npm run screenshots` gives) runs as it is.
 */
function runPlaywright(args, env) {
  const chosen = args.length > 0 && !args.some((arg) => arg === "-c" || arg.startsWith("--config"));
  return run("npx", ["playwright", "test", ...(chosen ? ["--no-deps", "--workers=1"] : []), ...args], env);
}

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
try {
  await admin.unsafe(`create database ${name}`);
} catch (error) {
  console.error(`Cannot create the e2e database on ${serverUrl}: is PostgreSQL running? (${error.message})`);
  process.exit(1);
}

const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${name}`;
const appPort = await freePort();
const sinkPort = await freePort();
const env = {
  NODE_ENV: "production",
  NEXT_DIST_DIR: ".next-e2e",
  NEXT_TELEMETRY_DISABLED: "1",
  E2E_DATABASE_URL: databaseUrl.toString(),
  E2E_APP_PORT: String(appPort),
  E2E_SINK_PORT: String(sinkPort),
  RESEND_SINK_URL: `http://127.0.0.1:${sinkPort}`,
  E2E_SERVER_LOG: path.join(tmpdir(), `${name}-server.log`),
};

let status = 1;
try {
  status = run("npx", ["next", "build"], env);
  if (status === 0) status = runPlaywright(process.argv.slice(2), env);
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`).catch((error) => {
    console.error(`Could not drop ${name}: ${error.message}`);
  });
  await admin.end();
  rmSync(env.E2E_SERVER_LOG, { force: true });
}
process.exit(status);
