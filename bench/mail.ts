// npm run bench:mail [-- --emails 10000 --rate 5 --fault-rate 0.2 --instances 2 --json bench/results/mail.json]
//
// Outbox delivery at the provider's limit (SPEC §8, issue 11): a fresh PostgreSQL database, `--emails` activation
// e-mails queued at once, `--instances` dispatcher processes draining them through the real Resend SDK into the local
// Resend-compatible sink, which allows `--rate` requests per second (429 with retry-after above it) and fails
// `--fault-rate` of the requests it admits (5xx, dropped connections, and accepted-but-the-answer-lost).
//
// Reported: the drain time against the fastest the limit allows with the faults that happened (the ideal: every
// request a full batch of 100, each faulted request repeated once, one request per 1 / rate seconds), the e-mails
// the sink received twice (duplicates) and never (losses), the 429s, and the most requests the sink admitted in any
// one second (the rate held in sum).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { sinkStats, startSink, type SinkStats } from "@/e2e/sink";
import { BATCH_SIZE } from "@/lib/mail/dispatch";
import { enqueueEmail } from "@/lib/mail/outbox";
import { activationProps } from "@/lib/testing/mail";

const { values: options } = parseArgs({
  options: {
    emails: { type: "string", default: "10000" },
    rate: { type: "string", default: "5" },
    "fault-rate": { type: "string", default: "0.2" },
    instances: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    json: { type: "string" },
  },
});
const emails = Number(options.emails);
const rate = Number(options.rate);
const faultRate = Number(options["fault-rate"]);
const instances = Number(options.instances);
for (const [name, value, ok] of [
  ["--emails", emails, Number.isInteger(emails) && emails > 0],
  ["--rate", rate, rate > 0],
  ["--fault-rate", faultRate, faultRate >= 0 && faultRate < 1],
  ["--instances", instances, Number.isInteger(instances) && instances > 0],
] as const) {
  if (!ok) {
    console.error(`${name} ${value} is not valid`);
    process.exit(2);
  }
}

const log = (message: string) => console.log(`[bench:mail] ${message}`);
// The queue is sealed here and opened by the dispatcher processes: one secret for all of them.
process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const name = `sfa_bench_mail_${randomBytes(5).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const children: ChildProcess[] = [];
let cleanup: (() => Promise<void>)[] = [];

async function tearDown() {
  // Asked to stop, a dispatcher ends its run and exits (writing its profile with BENCH_PROFILE); then it is stopped.
  for (const child of children) if (child.connected) child.send("stop");
  await Promise.all(children.map((child) => (child.exitCode === null ? Promise.race([once(child, "exit"), new Promise((resolve) => setTimeout(resolve, 5000))]) : null)));
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
  await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
  await admin.end();
}
process.once("SIGINT", () => void tearDown().then(() => process.exit(130)));

try {
  const rows = await run();
  if (options.json) {
    mkdirSync(path.dirname(options.json), { recursive: true });
    writeFileSync(options.json, JSON.stringify({ rows }, null, 2));
  }
  console.log(`\n${formatTable(rows)}`);
} finally {
  await tearDown();
}

async function run(): Promise<BenchRow[]> {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ url: databaseUrl, seed: { appUrl: "http://localhost:3000", emailFrom: "shop@example.com" } });
  cleanup.push(database.close);
  const { db } = database;

  const sink = await startSink({ args: ["--rate", String(rate), "--fault-rate", String(faultRate), "--faults", "5xx,drop,lost", "--seed", options.seed!, "--quiet"] });
  cleanup.push(sink.stop);
  process.env.RESEND_SINK_URL = sink.url;
  log(`sink at ${sink.url}: ${rate} requests/s, ${Math.round(faultRate * 100)} % faults`);

  const [{ id: shopId }] = rowsOf<{ id: string }>(await db.execute(sql`select id from shops where code = 'demo'`));
  const queuedAt = Date.now();
  for (let start = 0; start < emails; start += 500) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(emails, start + 500); i++) {
        const to = `shopper${i}@example.com`;
        await enqueueEmail(tx, { type: "storefront-account-activation", shopId, to, props: activationProps(to) });
      }
    });
  }
  log(`${emails} e-mails queued in ${((Date.now() - queuedAt) / 1000).toFixed(1)} s; starting ${instances} dispatcher instance(s)`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    RESEND_API_KEY: "re_bench",
    RESEND_BASE_URL: sink.url,
    MAIL_RATE_PER_SECOND: String(rate),
  };
  const script = path.join(process.cwd(), "bench", "mail-dispatcher.ts");
  for (let i = 0; i < instances; i++) {
    children.push(spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), "--import", "tsx", script], { env, stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  }
  await Promise.all(
    children.map((child) =>
      Promise.race([
        once(child, "message"),
        once(child, "exit").then(([code]) => Promise.reject(new Error(`A dispatcher exited with ${code} before it was ready`))),
      ]),
    ),
  );
  const started = Date.now();
  for (const child of children) child.send("go");

  let pending = emails;
  let lastReport = 0;
  while (pending > 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [counts] = rowsOf<{ pending: number; sent: number; failed: number }>(
      await db.execute(sql`
        select count(*) filter (where status in ('queued', 'sending'))::int as pending,
               count(*) filter (where status = 'sent')::int as sent,
               count(*) filter (where status = 'failed')::int as failed
        from email_outbox`),
    );
    pending = counts.pending;
    if (Date.now() - lastReport >= 2000 || pending === 0) {
      lastReport = Date.now();
      const stats = await sinkStats();
      log(
        `${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.sent} sent, ${pending} waiting, ${counts.failed} failed; ` +
          `sink: ${stats.requests.total} requests, ${stats.rateLimited} answered 429, ${faultCount(stats)} faults`,
      );
    }
    if (Date.now() - started > 30 * 60_000) throw new Error("The outbox did not drain within 30 minutes");
  }
  const seconds = (Date.now() - started) / 1000;

  const stats = await sinkStats();
  const [{ failed }] = rowsOf<{ failed: number }>(await db.execute(sql`select count(*)::int as failed from email_outbox where status <> 'sent'`));
  const faults = faultCount(stats);
  const ideal = (Math.ceil(emails / BATCH_SIZE) + faults) / rate;
  const lost = emails - stats.distinctIdentities;
  return [
    { figure: `drain ${emails} e-mails (s)`, value: seconds, baseline: ideal, ratio: ideal / seconds, target: "≥ 0.9", ok: ideal / seconds >= 0.9 },
    { figure: "e-mails per second", value: emails / seconds, baseline: rate * BATCH_SIZE, ratio: emails / seconds / (rate * BATCH_SIZE), target: "", ok: null },
    { figure: "duplicates", value: stats.duplicates, baseline: 0, ratio: null, target: "0", ok: stats.duplicates === 0 },
    { figure: "lost (never reached the sink)", value: lost, baseline: 0, ratio: null, target: "0", ok: lost === 0 },
    { figure: "failed in the outbox", value: failed, baseline: 0, ratio: null, target: "0", ok: failed === 0 },
    { figure: "429s received", value: stats.rateLimited, baseline: stats.requests.total, ratio: stats.rateLimited / stats.requests.total, target: "", ok: null },
    { figure: "faults injected", value: faults, baseline: stats.requests.total, ratio: faults / stats.requests.total, target: "", ok: null },
    { figure: "most requests admitted in 1 s", value: stats.maxAdmittedPerSecond, baseline: rate, ratio: stats.maxAdmittedPerSecond / rate, target: "≤ 1", ok: stats.maxAdmittedPerSecond <= rate },
  ];
}

function faultCount(stats: SinkStats): number {
  return Object.values(stats.faults).reduce((sum: number, count: number) => sum + count, 0);
}

type BenchRow = { figure: string; value: number; baseline: number; ratio: number | null; target: string; ok: boolean | null };

function formatTable(rows: BenchRow[]): string {
  const number = (value: number | null) => (value === null ? "" : Number.isInteger(value) ? String(value) : value.toFixed(2));
  const cells = [
    ["figure", "value", "baseline", "ratio", "target", "met"],
    ...rows.map((row) => [row.figure, number(row.value), number(row.baseline), number(row.ratio), row.target, row.ok === null ? "" : row.ok ? "yes" : "NO"]),
  ];
  const widths = cells[0].map((_, column) => Math.max(...cells.map((line) => line[column].length)));
  return cells.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join("  ")).join("\n");
}
