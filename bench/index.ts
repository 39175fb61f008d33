// npm run bench [-- --quick] [--no-build] [--contacts N]
// SPEC §8 in one command: a production build, a fresh PostgreSQL database, the local Resend-compatible sink and
// `next start`, then sign-in, forgot-password, page and Office › Contacts measured against their baselines. Prints a
// table and writes the same as JSON to bench/results/<ISO date>.json. Everything it starts or creates is undone on
// exit, on error and on Ctrl-C (except the contacts database, which is kept for the next run on purpose).
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { randomBytes, randomInt } from "node:crypto";
import { count } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { customers } from "@/db/schema";
import { buildCases, buildTerms, measureSearch, pagePath, sampleContacts, type Timing } from "./contacts";
import { connect, contactsDatabase, createFreshDatabase } from "./databases";
import { Agent, clientAddress, cookiesOf, get, hiddenFields, multipart, send } from "./http";
import { load, type LoadRequest, type LoadResult } from "./load";
import { parseOptions, type Options } from "./options";
import { cleanUp, cleanUpOnSignals, freePort, interruption, paths, runToEnd, startServer, type Server } from "./processes";
import { above, atLeast, atMost, below, formatTable, notMeasured, row, rowsFromJson, writeResults, type Row } from "./report";
import { benchDomain, seedPeople, upsertStaff, adminAccount, type Account } from "./seed";
import { mannWhitney, median, summarise } from "./stats";
import type { VerifyRate } from "./argon2-verify";

const distDir = ".next-bench";
const started = Date.now();
const notes: string[] = [];
const details: Record<string, unknown> = {};
const loads: { at: string; phase: string; load1: number }[] = [];

function progress(line: string): void {
  const seconds = Math.round((Date.now() - started) / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  console.log(`[${clock}] ${line}`);
}

/** The machine's 1-minute load average when a phase starts: other work on the machine shows in the numbers. */
function phase(name: string): void {
  const load1 = loadavg()[0];
  loads.push({ at: new Date().toISOString(), phase: name, load1 });
  progress(`${name}  (load average ${load1.toFixed(2)} on ${cpus().length} cores)`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

function appEnv(databaseUrl: string, port: number, sinkUrl: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: `bench-${randomBytes(24).toString("hex")}`,
    RESEND_API_KEY: "re_bench",
    RESEND_BASE_URL: sinkUrl,
    APP_URL: `http://localhost:${port}`,
    EMAIL_FROM: "Storefront Accounts <office@example.com>",
    // As behind a load balancer: the client address is the last X-Forwarded-For entry, and the bench sends each
    // request from an address of its own (see the notes), as many shoppers would arrive.
    TRUST_PROXY: "true",
  };
}

function startApp(databaseUrl: string, port: number, sinkUrl: string): Promise<Server> {
  return startServer(`next start (port ${port})`, process.execPath, [paths.next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    port,
    env: appEnv(databaseUrl, port, sinkUrl),
    readyPath: "/api/health",
    timeoutSeconds: 120,
  });
}

async function bareVerify(connections: number, seconds: number): Promise<VerifyRate> {
  const output = await runToEnd("argon2 verify", process.execPath, [paths.tsx, "bench/argon2-verify.ts", String(connections), String(seconds)], {}, true);
  return JSON.parse(output.trim().split("\n").at(-1)!) as VerifyRate;
}

/** A load measurement after a warm-up of the same requests that is not counted. */
async function measureLoad(
  app: Server,
  options: Options,
  connections: number,
  next: (n: number) => LoadRequest,
  succeeded: (status: number) => boolean,
): Promise<LoadResult> {
  const host = `localhost:${app.port}`;
  let n = 0;
  const continuing = () => next(n++); // the measured run goes on with accounts and addresses the warm-up did not use
  await load({ port: app.port, host, connections, seconds: options.warmupSeconds, next: continuing, succeeded });
  const result = await load({ port: app.port, host, connections, seconds: options.loadSeconds, next: continuing, succeeded });
  const other = Object.entries(result.statuses).filter(([status]) => !succeeded(Number(status)));
  progress(
    `    ${fixed(result.perSecond)}/s, p50 ${fixed(result.p50)} ms, p99 ${fixed(result.p99)} ms (${result.answers} answers` +
      `${other.length ? `; not counted: ${other.map(([status, count]) => `${count}× ${status}`).join(", ")}` : ""}` +
      `${result.errors ? `; ${result.errors} connection errors` : ""})`,
  );
  return result;
}

/** The no-JavaScript form of a page: its hidden fields, as a browser without JavaScript would post them back. */
async function formFields(app: Server, pagePath: string, fieldName: string): Promise<Record<string, string>> {
  const page = await get(app.port, pagePath);
  if (page.status !== 200) throw new Error(`GET ${pagePath} answered ${page.status}`);
  return hiddenFields(page.body, fieldName);
}

function formPost(app: Server, formPath: string, fields: Record<string, string>, address: string): LoadRequest {
  const { body, contentType } = multipart(fields);
  return {
    method: "POST",
    path: formPath,
    body,
    headers: { "content-type": contentType, origin: `http://localhost:${app.port}`, "x-forwarded-for": address },
  };
}

/** Sign-ins per second at 8 and 32 connections, each beside the bare verify rate measured just before it. */
async function signInFigures(app: Server, options: Options, realm: "storefront" | "back office", accounts: Account[], addressBase: number): Promise<Row[]> {
  const formPath = realm === "storefront" ? "/login" : "/admin/login";
  const fields = await formFields(app, formPath, "password");
  const rows: Row[] = [];
  let address = addressBase;
  for (const connections of [8, 32]) {
    phase(`${realm} sign-in at ${connections} connections: bare argon2id verify first (${options.verifySeconds} s, own process)`);
    const bare = await bareVerify(connections, options.verifySeconds);
    progress(`    bare verify: ${fixed(bare.perSecond)}/s, p50 ${fixed(bare.p50)} ms, p99 ${fixed(bare.p99)} ms`);
    progress(`    POST ${formPath} (no-JavaScript form, a different account and address each time), ${options.loadSeconds} s`);
    const result = await measureLoad(
      app,
      options,
      connections,
      (n) => {
        const account = accounts[n % accounts.length];
        return formPost(app, formPath, { ...fields, email: account.email, password: account.password }, clientAddress(address++));
      },
      (status) => status === 303,
    );
    details[`${realm} sign-in @${connections}`] = { bareVerify: bare, load: result };
    const gate = connections === 8;
    rows.push(row(`${realm} sign-in/s @${connections} ÷ bare verify/s`, result.perSecond, "/s", bare.perSecond, gate ? atLeast(0.9) : undefined));
    rows.push(row(`${realm} sign-in p99 ÷ p50 @${connections}`, result.p99, "ms", result.p50, gate ? atMost(3) : undefined));
  }
  return rows;
}

/**
 * What any sign-in served by this Next.js build could reach: the hash plus the least a request costs here (the bare
 * route). Both take the whole machine when measured alone, so one after the other they run at 1 / (1/verify + 1/route)
 * per second; divided by the bare verify rate that is route / (route + verify). A ratio target above it cannot be met
 * by any work inside the app's routes.
 */
function ceilingRow(): Row {
  const verify = (details["storefront sign-in @8"] as { bareVerify: { perSecond: number } } | undefined)?.bareVerify.perSecond;
  const route = (details["bare route @32"] as { perSecond: number } | undefined)?.perSecond;
  if (!verify || !route) return notMeasured("ceiling: bare route + bare verify, per second ÷ bare verify/s", "needs both measurements");
  return row("ceiling: bare route + bare verify, per second ÷ bare verify/s", 1 / (1 / verify + 1 / route), "/s", verify, undefined,
    "the most a sign-in that costs one bare request besides its hash could reach on this machine");
}

/** Waits until the e-mails queued by earlier requests have left the outbox (work after the response), at most `seconds`. */
async function outboxQuiet(databaseUrl: string, seconds: number): Promise<void> {
  const sql = connect(databaseUrl, 1);
  try {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      const [{ waiting }] = await sql`select count(*)::int as waiting from email_outbox where status in ('queued', 'sending')`;
      if (waiting === 0) return;
      await sleep(500);
    }
  } finally {
    await sql.end();
  }
}

async function throughputFigures(app: Server, options: Options, databaseUrl: string, resetEmails: string[], addressBase: number): Promise<Row[]> {
  const ok200 = (status: number) => status === 200;
  phase("bare Next.js route GET /api/health at 32 connections");
  const bare = await measureLoad(app, options, 32, () => ({ method: "GET", path: "/api/health" }), ok200);
  phase("storefront page GET /login at 32 connections");
  const page = await measureLoad(app, options, 32, () => ({ method: "GET", path: "/login" }), ok200);

  phase("forgot-password (no-JavaScript form, known e-mails, a different one and address each time) at 32 connections");
  const fields = await formFields(app, "/forgot-password", "email");
  let address = addressBase;
  let used = 0;
  const forgot = await measureLoad(
    app,
    options,
    32,
    (n) => {
      used = Math.max(used, n + 1);
      return formPost(app, "/forgot-password", { ...fields, email: resetEmails[n % resetEmails.length] }, clientAddress(address++));
    },
    (status) => status === 303,
  );
  if (used > resetEmails.length) {
    notes.push(`forgot-password throughput: ${used} requests for ${resetEmails.length} known e-mails, so some e-mails were asked for more than once (per-recipient limit and double-submit rule apply to those).`);
  }
  progress("    waiting for the e-mails queued after those responses to be delivered…");
  await outboxQuiet(databaseUrl, 60);
  details["bare route @32"] = bare;
  details["page /login @32"] = page;
  details["forgot-password @32"] = forgot;
  return [
    row("bare route GET /api/health/s @32", bare.perSecond, "/s"),
    row("forgot-password/s @32 ÷ bare route/s", forgot.perSecond, "/s", bare.perSecond, atLeast(0.5)),
    row("forgot-password p50 @32 ÷ bare route p50", forgot.p50, "ms", bare.p50),
    row("forgot-password p99 @32 ÷ bare route p99", forgot.p99, "ms", bare.p99),
    row("page GET /login/s @32 ÷ bare route/s", page.perSecond, "/s", bare.perSecond, atLeast(0.5)),
    row("page p50 @32 ÷ bare route p50", page.p50, "ms", bare.p50),
    row("page p99 @32 ÷ bare route p99", page.p99, "ms", bare.p99),
  ];
}

/**
 * Forgot-password for known and unknown e-mails, interleaved (each pair in random order), one request at a time on
 * one keep-alive connection: each known e-mail is asked for once, so every known request takes the full path.
 */
async function timingFigures(app: Server, options: Options, knownEmails: string[], addressBase: number): Promise<Row[]> {
  const samples = Math.min(options.timingSamples, knownEmails.length);
  phase(`forgot-password response time, ${samples} known and ${samples} unknown e-mails interleaved, one at a time`);
  const fields = await formFields(app, "/forgot-password", "email");
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let address = addressBase;
  const post = async (email: string) => {
    const { body, contentType } = multipart({ ...fields, email });
    const answer = await send(app.port, "POST", "/forgot-password", body, {
      agent,
      headers: { "content-type": contentType, origin: `http://localhost:${app.port}`, "x-forwarded-for": clientAddress(address++) },
    });
    if (answer.status !== 303) throw new Error(`forgot-password answered ${answer.status}, not 303`);
    return answer.ms;
  };
  for (let n = 0; n < 20; n++) await post(`warm-up-${n}@${benchDomain}`);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let n = 0; n < samples; n++) {
    const pair = [
      async () => known.push(await post(knownEmails[n])),
      async () => unknown.push(await post(`nobody-${n}@${benchDomain}`)),
    ];
    if (randomInt(2) === 1) pair.reverse(); // which of the two goes first: no pattern for the server to follow
    for (const request of pair) await request();
    if ((n + 1) % Math.max(1, Math.floor(samples / 4)) === 0) progress(`    ${n + 1} / ${samples} pairs`);
  }
  agent.destroy();
  const knownMedian = median(known);
  const unknownMedian = median(unknown);
  const test = mannWhitney(known, unknown);
  progress(
    `    medians: known ${fixed(knownMedian, 2)} ms, unknown ${fixed(unknownMedian, 2)} ms; Mann–Whitney p = ${test.p.toPrecision(3)}, AUC ${test.auc.toFixed(3)}`,
  );
  details["forgot-password timing"] = { samples, known: summarise(known), unknown: summarise(unknown), knownMedian, unknownMedian, mannWhitney: test };
  return [
    row("forgot-password median, known e-mail ÷ unknown", knownMedian, "ms", unknownMedian),
    {
      ...row("forgot-password median difference known − unknown", knownMedian - unknownMedian, "ms"),
      target: "within ±1 ms",
      ok: Math.abs(knownMedian - unknownMedian) <= 1,
    },
    row("forgot-password known vs unknown: Mann–Whitney p", test.p, "", null, above(0.01), `AUC ${test.auc.toFixed(3)} (0.5: inseparable), n = ${samples} + ${samples}`),
  ];
}

/** Signs in through the no-JavaScript back-office form and returns the session cookies. */
async function adminSession(app: Server, account: Account): Promise<string> {
  const fields = await formFields(app, "/admin/login", "password");
  const request = formPost(app, "/admin/login", { ...fields, email: account.email, password: account.password }, "192.0.2.10");
  const answer = await send(app.port, "POST", request.path, request.body!, { headers: request.headers });
  const cookie = cookiesOf(answer);
  if (answer.status !== 303 || !cookie.includes("admin.session")) throw new Error(`back-office sign-in answered ${answer.status} without a session`);
  return cookie;
}

async function contactsFigures(options: Options, appPort: number, sinkUrl: string): Promise<Row[]> {
  phase(`Office › Contacts at ${options.contacts.toLocaleString("en")} contacts`);
  const appUrl = `http://localhost:${appPort}`;
  const database = await contactsDatabase(options.contacts, appUrl, progress);
  progress(`    ${database.seededNow ? "seeded" : "reusing"} ${database.name}`);
  const sql = connect(database.url, 1);
  try {
    await upsertStaff(sql, [adminAccount]);
  } finally {
    await sql.end();
  }

  const opened = await openDatabase({ url: database.url, seed: { appUrl, emailFrom: "office@example.com" } });
  let timings: Timing[];
  let cases;
  try {
    const [{ total }] = await opened.db.select({ total: count() }).from(customers);
    cases = await buildCases(opened.db, buildTerms(await sampleContacts(opened.db, total)));
    progress(`    searchContacts(): ${cases.length} queries × ${options.searchRounds} rounds, one at a time`);
    timings = await measureSearch(opened.db, cases, options.searchRounds);
  } finally {
    await opened.close();
  }
  const query = summarise(timings.flatMap((timing) => timing.ms));
  progress(`    query p50 ${fixed(query.p50, 2)} ms, p95 ${fixed(query.p95, 2)} ms, max ${fixed(query.max)} ms`);
  const slowest = timings
    .map((timing) => ({ label: `${timing.kind}: ${timing.label}`, ...summarise(timing.ms) }))
    .sort((a, b) => b.p95 - a.p95)
    .slice(0, 5);

  progress(`    starting next start on ${database.name} for the page`);
  const app = await startApp(database.url, appPort, sinkUrl);
  try {
    const cookie = await adminSession(app, adminAccount);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const fetchPage = async (filterPath: string) => {
      const answer = await get(app.port, filterPath, { agent, headers: { cookie } });
      if (answer.status !== 200) throw new Error(`GET ${filterPath} answered ${answer.status}`);
      return answer.ms;
    };
    for (const item of cases.slice(0, 10)) await fetchPage(pagePath(item.filter)); // warm-up
    progress(`    GET /admin/contacts: ${cases.length} filters × ${options.pageRounds} rounds, signed in, one at a time`);
    const pages: number[] = [];
    for (let round = 0; round < options.pageRounds; round++) {
      for (const item of cases) pages.push(await fetchPage(pagePath(item.filter)));
    }
    agent.destroy();
    const page = summarise(pages);
    progress(`    page p50 ${fixed(page.p50, 2)} ms, p95 ${fixed(page.p95, 2)} ms, max ${fixed(page.max)} ms`);
    details.contacts = { contacts: options.contacts, database: database.name, cases: cases.length, query, page, slowestQueries: slowest };
    const at = options.contacts.toLocaleString("en");
    return [
      row(`contacts query p50 @${at}`, query.p50, "ms"),
      row(`contacts query p95 @${at}`, query.p95, "ms", null, below(20, " ms")),
      row(`contacts page p50 @${at}`, page.p50, "ms"),
      row(`contacts page p95 @${at}`, page.p95, "ms", null, below(60, " ms")),
    ];
  } finally {
    await app.stop();
  }
}

async function deliveryFigures(quick: boolean): Promise<Row[]> {
  const scripts = (JSON.parse(readFileSync(path.join(paths.root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  if (!scripts["bench:mail"]) {
    progress("delivery: not measured (bench:mail missing)");
    return [notMeasured("delivery", "not measured (bench:mail missing)")];
  }
  phase("delivery: npm run bench:mail");
  const file = path.join(tmpdir(), `bench-mail-${randomBytes(6).toString("hex")}.json`);
  await runToEnd("bench:mail", "npm", ["run", "--silent", "bench:mail", "--", "--json", file, ...(quick ? ["--emails", "2000"] : [])], {});
  return rowsFromJson(JSON.parse(readFileSync(file, "utf8")));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  cleanUpOnSignals();
  progress(`npm run bench${options.quick ? " --quick" : ""}: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}`);
  const rows: Row[] = [];

  if (options.build) {
    phase(`next build into ${distDir}/`);
    await runToEnd("next build", process.execPath, [paths.next, "build"], { NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" }, true);
  } else if (!existsSync(path.join(paths.root, distDir, "BUILD_ID"))) {
    throw new RangeError(`--no-build: there is no build in ${distDir}/ yet; run npm run bench once without --no-build.`);
  }

  const appPort = await freePort();
  const sinkPort = await freePort();
  const sinkUrl = `http://127.0.0.1:${sinkPort}`;
  phase("starting the Resend-compatible sink, a fresh database and next start");
  await startServer("resend sink", process.execPath, [paths.sink, "--port", String(sinkPort), "--quiet"], { port: sinkPort, env: {}, readyPath: "/_sink/health" });
  const fresh = await createFreshDatabase(`http://localhost:${appPort}`);
  const timingSamples = options.timingSamples;
  const seedCounts = { shoppers: 500, staff: 100, resets: timingSamples + (options.quick ? 3000 : 8000) };
  progress(`    ${fresh.name}: seeding ${seedCounts.shoppers} customers and ${seedCounts.staff + 1} business users with passwords, ${seedCounts.resets} more customers`);
  const sql = connect(fresh.url, 2);
  const people = await seedPeople(sql, seedCounts).finally(() => sql.end());
  const app = await startApp(fresh.url, appPort, sinkUrl);
  progress(`    ${app.url} is up`);
  for (const warm of ["/login", "/admin/login", "/forgot-password", "/api/health"]) await get(app.port, warm);

  notes.push(
    "The app runs with TRUST_PROXY=true, as behind a load balancer, and every request carries an X-Forwarded-For address of its own, so the per-address sign-in and e-mail limits see many clients as they would in production (with one address, the per-address limits would refuse the load after 30 failures or 20 e-mails an hour). Every sign-in uses the right password of a different account, so no per-account limit is reached; only 303 answers (signed in, or reset requested) count.",
    "The back office has 100 business users for its sign-in measurement: with a single account, more than five sign-ins in flight at once count as failures against it before any is verified (that is the limit working), which would measure the throttle rather than the sign-in.",
  );

  rows.push(...(await signInFigures(app, options, "storefront", people.shoppers, 1 << 16)));
  rows.push(...(await signInFigures(app, options, "back office", people.staff, 2 << 16)));
  const timingEmails = people.resetEmails.slice(0, timingSamples);
  const throughputEmails = people.resetEmails.slice(timingSamples);
  rows.push(...(await timingFigures(app, options, timingEmails, 3 << 16)));
  rows.push(...(await throughputFigures(app, options, fresh.url, throughputEmails, 4 << 16)));
  rows.push(ceilingRow());
  await app.stop();

  if (options.contacts > 0) rows.push(...(await contactsFigures(options, appPort, sinkUrl)));
  else rows.push(notMeasured("contacts", "skipped (--contacts 0)"));
  rows.push(...(await deliveryFigures(options.quick)));

  const finishedAt = new Date();
  phase("done");
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: finishedAt.toISOString(),
    options,
    machine: { cores: cpus().length, model: cpus()[0]?.model ?? null, node: process.version, loadAverages: loads },
    rows,
    notes,
    details,
  };
  const file = writeResults(path.join(paths.root, "bench", "results"), new Date(started), report);
  console.log(`\n${formatTable(rows)}\n`);
  for (const note of notes) console.log(`Note: ${note}`);
  const peak = Math.max(...loads.map((entry) => entry.load1));
  console.log(`\nMachine: ${cpus().length} cores; 1-minute load average between ${Math.min(...loads.map((entry) => entry.load1)).toFixed(2)} and ${peak.toFixed(2)} during the run.`);
  console.log(`Written to ${path.relative(process.cwd(), file)}`);
}

main()
  .then(async () => {
    await cleanUp();
    process.exit(0);
  })
  .catch(async (error: Error) => {
    const interrupted = interruption();
    if (interrupted) return interrupted; // a signal's clean-up is under way and ends the process
    console.error(error instanceof RangeError ? error.message : `\nnpm run bench failed: ${error.stack ?? error.message}`);
    await cleanUp();
    process.exit(error instanceof RangeError ? 2 : 1);
  });
