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
import { openDatabase } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { sinkStats, startSink, type SinkStats } from "@/e2e/sink";
import { BATCH_SIZE } from "@/lib/mail/dispatch";
import { enqueueEmail } from "@/lib/mail/outbox";
import { activationProps } from "@/lib/testing/mail";
import { createFreshDatabase } from "./databases";
import { cleanUp, cleanUpOnSignals, onCleanUp, paths } from "./processes";
import { atLeast, atMost, formatTable, row, type Row } from "./report";

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

cleanUpOnSignals();
try {
  const rows = await run();
  if (options.json) {
    mkdirSync(path.dirname(options.json), { recursive: true });
    writeFileSync(options.json, JSON.stringify({ rows }, null, 2));
  }
  console.log(`\n${formatTable(rows)}`);
} finally {
  await cleanUp();
}

async function run(): Promise<Row[]> {
  const { url: databaseUrl } = await createFreshDatabase("http://localhost:3000");
  const database = await openDatabase({ url: databaseUrl, seed: { appUrl: "http://localhost:3000", emailFrom: "office@example.com" } });
  onCleanUp("the bench's connections", database.close);
  const { db } = database;

  const sink = await startSink({ args: ["--rate", String(rate), "--fault-rate", String(faultRate), "--faults", "5xx,drop,lost", "--seed", options.seed!, "--quiet"] });
  onCleanUp("the Resend sink", sink.stop);
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

  const started = await startDispatchers({
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    RESEND_API_KEY: "re_bench",
    RESEND_BASE_URL: sink.url,
    MAIL_RATE_PER_SECOND: String(rate),
  });

  let pending = emails;
  let lastReport = 0;
  while (pending > 0) {
    await new Promise((resolve) => setTimeout(resolve, 200));
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
  // The fastest the limit allows: every request a full batch, each faulted request made again, 1 / rate apart.
  const ideal = (Math.ceil(emails / BATCH_SIZE) + faults) / rate;
  const requests = stats.requests.total;
  return [
    row(`delivery: e-mails/s ÷ the limit's ideal (${rate} req/s, ${faults} faults)`, emails / seconds, "/s", emails / ideal, atLeast(0.9)),
    row(`delivery: drain time of ${emails} e-mails`, seconds, "s", ideal),
    row("delivery: duplicates (sink, across keys)", stats.duplicates, "", null, atMost(0, "value")),
    row("delivery: lost (never reached the sink)", emails - stats.distinctIdentities, "", null, atMost(0, "value")),
    row("delivery: failed in the outbox", failed, "", null, atMost(0, "value")),
    row("delivery: 429s received ÷ requests", stats.rateLimited, "", requests),
    row("delivery: faults injected ÷ requests", faults, "", requests),
    row("delivery: most requests admitted in 1 s ÷ limit", stats.maxAdmittedPerSecond, "", rate, atMost(1)),
  ];
}

/**
 * Starts the dispatcher instances, waits until each is warm, then lets them go together; returns when they went.
 * Asked to stop, a dispatcher ends its run and exits (writing its CPU profile with BENCH_PROFILE=dir).
 */
async function startDispatchers(env: NodeJS.ProcessEnv): Promise<number> {
  const script = path.join(paths.root, "bench", "mail-dispatcher.ts");
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const children: ChildProcess[] = [];
  for (let i = 0; i < instances; i++) {
    const child = spawn(process.execPath, [...profile, "--import", "tsx", script], { env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(child);
    onCleanUp(`dispatcher ${i + 1}`, async () => {
      if (child.exitCode !== null) return;
      if (child.connected) child.send("stop");
      await Promise.race([once(child, "exit"), new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGTERM");
    });
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
  return started;
}

function faultCount(stats: SinkStats): number {
  return Object.values(stats.faults).reduce((sum: number, count: number) => sum + count, 0);
}
