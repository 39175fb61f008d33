// npm run test:scale [-- --no-build]
//
// SPEC §8 scale-out, issue 12 point 3: three `next start` instances of one production build on one PostgreSQL
// database, nginx in front (round robin), and real HTTP requests proving that they behave as one: sign-in limits
// count across them, a session from one is valid (and ended) on all, 1,000 queued e-mails are sent once each while
// all three dispatch at the provider's rate in sum, and a changed shop setting shows on every instance at once.
// Prints each check with pass or FAIL and exits non-zero on any failure. Everything it starts or creates is undone
// on success, on error and on Ctrl-C.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { clearSink, extractLinks, sinkStats, startSink, waitForEmail } from "@/e2e/sink";
import { enqueueEmail } from "@/lib/mail/outbox";
import { findShopSettings, updateShop } from "@/lib/shops/settings";
import { activationProps } from "@/lib/testing/mail";
import { connect, createFreshDatabase, type Sql } from "./databases";
import { cookiesOf, get, hiddenFields, hiddenFieldsOfFormWith, multipart, send, type Answer } from "./http";
import { ensureNginx, startNginx } from "./nginx";
import { cleanUp, cleanUpOnSignals, freePort, interruption, onCleanUp, paths, runToEnd, startServer } from "./processes";
import { seedPeople, type Account } from "./seed";

const { values: options } = parseArgs({ options: { "no-build": { type: "boolean", default: false } } });

const distDir = ".next-scale";
const INSTANCES = 3;
const RATE = 5; // the sink's limit and MAIL_RATE_PER_SECOND
const EMAILS = 1000;
const FREE_FAILURES = 5; // lib/limits signInFailuresPerAccount.freeFailures
const FAILED_ATTEMPTS = 40;
const CRON_SECRET = `scale-cron-${randomBytes(16).toString("hex")}`;
// The queue is sealed here (enqueueEmail) and opened by the instances: one secret for all.
process.env.AUTH_SECRET = `scale-${randomBytes(24).toString("hex")}`;

const text = {
  throttled: "Too many unsuccessful attempts",
  signOut: ">Sign out<",
};

const started = Date.now();
function progress(line: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

let failures = 0;
function check(name: string, ok: boolean, detail: string): void {
  if (!ok) failures++;
  console.log(`  ${ok ? "pass" : "FAIL"}  ${name} — ${detail}`);
}

/** Where a request goes: nginx (round robin over the instances) or one instance directly. */
type Target = { label: string; port: number };

/** Requests as a browser without JavaScript sends them to `target`, with its own origin. */
function request(target: Target, method: "GET" | "POST", pagePath: string, fields?: Record<string, string>, cookie?: string): Promise<Answer> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (!fields) return get(target.port, pagePath, { headers });
  const { body, contentType } = multipart(fields);
  return send(target.port, method, pagePath, body, { headers: { ...headers, "content-type": contentType, origin: `http://localhost:${target.port}` } });
}

async function formOf(target: Target, pagePath: string, fieldName: string, cookie?: string): Promise<Record<string, string>> {
  const page = await request(target, "GET", pagePath, undefined, cookie);
  if (page.status !== 200) throw new Error(`GET ${pagePath} on ${target.label} answered ${page.status}`);
  return hiddenFields(page.body, fieldName);
}

async function signIn(target: Target, account: Account): Promise<{ status: number; cookie: string; body: string }> {
  const fields = await formOf(target, "/login", "password");
  const answer = await request(target, "POST", "/login", { ...fields, email: account.email, password: account.password });
  return { status: answer.status, cookie: cookiesOf(answer), body: answer.body };
}

/** Whether /account on `target` shows this account with `cookie` (signed out: a redirect to the sign-in page). */
async function signedInOn(target: Target, cookie: string, email: string): Promise<boolean> {
  const answer = await request(target, "GET", "/account", undefined, cookie);
  return answer.status === 200 && answer.body.includes(email);
}

async function everywhere(targets: Target[], test: (target: Target) => Promise<boolean>): Promise<{ ok: boolean; detail: string }> {
  const results = await Promise.all(targets.map(async (target) => [target.label, await test(target)] as const));
  return { ok: results.every(([, ok]) => ok), detail: results.map(([label, ok]) => `${label}: ${ok ? "yes" : "no"}`).join(", ") };
}

async function countActivity(sqlClient: Sql, action: string, email: string): Promise<number> {
  const [{ n }] = await sqlClient`select count(*)::int as n from activity_log where action = ${action} and email = ${email}`;
  return n as number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

cleanUpOnSignals();
let crashed = false;
try {
  await run();
} catch (error) {
  crashed = true;
  if (!interruption()) console.error(`\ntest:scale stopped: ${(error as Error).stack ?? error}`);
} finally {
  // After Ctrl-C the signal's clean-up is under way and ends the process itself: wait for it instead of exiting.
  if (!interruption()) {
    progress("cleaning up (instances, nginx, sink, database)");
    await cleanUp();
  }
  await interruption();
}
if (crashed || failures > 0) {
  console.log(`\ntest:scale: ${crashed ? "stopped by an error" : `${failures} check(s) failed`}`);
  process.exit(1);
}
console.log(`\ntest:scale: all checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);

async function run(): Promise<void> {
  const nginxBinary = await ensureNginx(progress);
  if (!options["no-build"]) {
    progress(`next build into ${distDir}/`);
    await runToEnd("next build", process.execPath, [paths.next, "build"], { NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" }, true);
  } else if (!existsSync(path.join(paths.root, distDir, "BUILD_ID"))) {
    throw new Error(`--no-build: there is no build in ${distDir}/ yet; run npm run test:scale once without --no-build.`);
  }

  const nginxPort = await freePort();
  const appUrl = `http://localhost:${nginxPort}`;
  const { name: databaseName, url: databaseUrl } = await createFreshDatabase(appUrl);
  const sqlClient = connect(databaseUrl, 2);
  onCleanUp("the test's connections", () => sqlClient.end());
  const database = await openDatabase({ url: databaseUrl, seed: { appUrl, emailFrom: "office@example.com" }, pool: { max: 2, prepare: true } });
  onCleanUp("the test's database handle", database.close);
  const people = await seedPeople(sqlClient, { shoppers: 4, staff: 0, resets: 1 });
  progress(`database ${databaseName}: demo shops and ${people.shoppers.length} customers`);

  const sink = await startSink({ args: ["--rate", String(RATE), "--quiet"] });
  onCleanUp("the Resend sink", sink.stop);
  process.env.RESEND_SINK_URL = sink.url;

  const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  progress(`starting ${INSTANCES} instances (ports ${ports.join(", ")}) on one database, 4 connections each`);
  await Promise.all(
    ports.map((port) =>
      startServer(`next start (port ${port})`, process.execPath, [paths.next, "start", "-p", String(port), "-H", "127.0.0.1"], {
        port,
        readyPath: "/api/health",
        timeoutSeconds: 180,
        env: {
          NODE_ENV: "production",
          NEXT_DIST_DIR: distDir,
          NEXT_TELEMETRY_DISABLED: "1",
          DATABASE_URL: databaseUrl,
          DATABASE_POOL_MAX: "4",
          AUTH_SECRET: process.env.AUTH_SECRET!,
          RESEND_API_KEY: "re_scale",
          RESEND_BASE_URL: sink.url,
          MAIL_RATE_PER_SECOND: String(RATE),
          CRON_SECRET,
          TRUST_PROXY: "true",
          APP_URL: appUrl,
          EMAIL_FROM: "Storefront Accounts <office@example.com>",
        },
      }),
    ),
  );
  await startNginx(nginxBinary, nginxPort, ports);
  progress(`nginx at ${appUrl}, round robin over the instances`);

  const balancer: Target = { label: "nginx", port: nginxPort };
  const instances: Target[] = ports.map((port, index) => ({ label: `instance ${index + 1}`, port }));
  const all = [balancer, ...instances];

  progress("1. failed sign-ins spread over the instances are limited as one");
  await limitsAcrossInstances(sqlClient, all, instances, people.shoppers[0]);

  progress("2. a session from one instance is valid on all, and ends on all after sign-out and after a password reset");
  await sessionsAcrossInstances(all, instances, balancer, people.shoppers[1], people.shoppers[2]);

  progress(`3. ${EMAILS} queued e-mails, all three instances dispatching: each sent once, within ${RATE} requests/s in sum`);
  await mailAcrossInstances(database.db, sqlClient, all, instances);

  progress("4. a shop setting changed once shows on every instance");
  await settingsAcrossInstances(database.db, sqlClient, all, people.admin.email);
}

async function limitsAcrossInstances(sqlClient: Sql, all: Target[], instances: Target[], account: Account): Promise<void> {
  const wrong = { ...account, password: "Wrong-horse-42" };
  const answers = await Promise.all(Array.from({ length: FAILED_ATTEMPTS }, (_, n) => signIn(all[n % all.length], wrong)));
  const errors = answers.filter((answer) => answer.status >= 400).length;
  const failed = await countActivity(sqlClient, "customer.sign-in-failed", account.email);
  const throttled = await countActivity(sqlClient, "customer.sign-in-throttled", account.email);
  check(
    `${FAILED_ATTEMPTS} wrong passwords at once, round robin over nginx and each instance directly`,
    errors === 0 && failed <= FREE_FAILURES + 1 && failed + throttled === FAILED_ATTEMPTS,
    `${failed} verified and failed (at most ${FREE_FAILURES + 1}), ${throttled} refused unverified, ${errors} error answers`,
  );
  const refused = await everywhere(instances, async (target) => {
    const answer = await signIn(target, account);
    return answer.status === 200 && answer.body.includes(text.throttled);
  });
  check("the right password is then refused as throttled on every instance", refused.ok, refused.detail);
}

async function sessionsAcrossInstances(all: Target[], instances: Target[], balancer: Target, first: Account, second: Account): Promise<void> {
  const [one, two, three] = instances;
  const made = await signIn(one, first);
  check("sign-in on instance 1", made.status === 303 && made.cookie !== "", `answered ${made.status}`);
  const valid = await everywhere(all, (target) => signedInOn(target, made.cookie, first.email));
  check("its session is valid on every instance and through nginx", valid.ok, valid.detail);

  const home = await request(two, "GET", "/", undefined, made.cookie);
  const signOut = await request(two, "POST", "/", hiddenFieldsOfFormWith(home.body, text.signOut), made.cookie);
  const ended = await everywhere(all, async (target) => !(await signedInOn(target, made.cookie, first.email)));
  check("signed out on instance 2: the old cookie is refused everywhere", signOut.status === 303 && ended.ok, `sign-out answered ${signOut.status}; ${ended.detail.replaceAll("yes", "ended").replaceAll("no", "STILL VALID")}`);

  const sessions = [await signIn(one, second), await signIn(balancer, second)];
  const bothValid = await everywhere(all, async (target) => (await Promise.all(sessions.map((session) => signedInOn(target, session.cookie, second.email)))).every(Boolean));
  check("two sessions (instance 1, nginx) valid everywhere", bothValid.ok, bothValid.detail);

  const forgot = await request(balancer, "POST", "/forgot-password", { ...(await formOf(balancer, "/forgot-password", "email")), email: second.email });
  const [email] = await waitForEmail({ to: second.email, tag: "storefront-password-reset" }, { timeoutMs: 30_000 });
  const link = extractLinks(email).find((url) => url.includes("/reset-password/"));
  if (!link) throw new Error(`The reset e-mail has no reset link: ${extractLinks(email).join(", ")}`);
  const opened = await request(three, "GET", new URL(link).pathname);
  const tokenCookie = cookiesOf(opened);
  const newPassword = `Scale-${randomBytes(4).toString("hex")}-reset-horse`;
  const resetFields = await formOf(two, "/reset-password", "password", tokenCookie);
  const reset = await request(two, "POST", "/reset-password", { ...resetFields, password: newPassword, confirmPassword: newPassword }, tokenCookie);
  check(
    "password reset: asked through nginx, link opened on instance 3, new password set on instance 2",
    forgot.status === 303 && opened.status === 303 && reset.status === 303 && String(reset.headers.location).startsWith("/reset-password/done"),
    `answers ${forgot.status}, ${opened.status}, ${reset.status} → ${reset.headers.location}`,
  );
  const endedByReset = await everywhere(all, async (target) => {
    const still = await Promise.all(sessions.map((session) => signedInOn(target, session.cookie, second.email)));
    return still.every((signedIn) => !signedIn);
  });
  check("after the reset both earlier sessions are refused everywhere", endedByReset.ok, endedByReset.detail.replaceAll("yes", "ended").replaceAll("no", "STILL VALID"));
  const fresh = await signIn(balancer, { email: second.email, password: newPassword });
  check("the new password signs in through nginx", fresh.status === 303, `answered ${fresh.status}`);
}

async function mailAcrossInstances(db: Db, sqlClient: Sql, all: Target[], instances: Target[]): Promise<void> {
  // Earlier checks' e-mails are delivered; the sink's counters start from zero for these.
  await waitForOutbox(sqlClient, 30);
  await clearSink();
  const [{ id: shopId }] = rowsOf<{ id: string }>(await db.execute(sql`select id from shops where code = 'demo'`));
  await db.transaction(async (tx) => {
    for (let i = 0; i < EMAILS; i++) {
      const to = `scale-${i}@example.com`;
      await enqueueEmail(tx, { type: "storefront-account-activation", shopId, to, props: activationProps(to) });
    }
  });
  const dispatchStarted = Date.now();
  const cron = instances.map(async (target) => {
    const answer = await send(target.port, "GET", "/api/cron/email-outbox", null, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    return { target, answer };
  });
  // Storefront requests whose work after the response dispatches too: forgot-password for addresses that have no
  // account (nothing new is queued), through nginx and each instance, while the cron runs go on.
  const forgotFields = await formOf(all[0], "/forgot-password", "email");
  const storefront: Promise<Answer>[] = [];
  for (let n = 0; n < 8; n++) {
    storefront.push(request(all[n % all.length], "POST", "/forgot-password", { ...forgotFields, email: `nobody-${n}@example.com` }));
    await sleep(150);
  }
  const drained = await waitForOutbox(sqlClient, 180);
  const seconds = (Date.now() - dispatchStarted) / 1000;
  const cronAnswers = await Promise.all(cron);
  const storefrontAnswers = await Promise.all(storefront);
  const stats = await sinkStats();
  const [{ sent, notSent }] = await sqlClient`
    select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status <> 'sent')::int as "notSent"
    from email_outbox where recipient like 'scale-%'`;
  const cronSummary = cronAnswers.map(({ target, answer }) => `${target.label}: ${answer.status} ${answer.body.trim()}`).join("; ");
  check(
    "all three cron runs answered and storefront requests went through",
    cronAnswers.every(({ answer }) => answer.status === 200) && storefrontAnswers.every((answer) => answer.status === 303),
    `${cronSummary}; storefront: ${storefrontAnswers.map((answer) => answer.status).join(" ")}`,
  );
  check(`the outbox drained`, drained && sent === EMAILS && notSent === 0, `${sent} sent, ${notSent} not sent, in ${seconds.toFixed(1)} s`);
  check(
    `each e-mail reached the provider exactly once`,
    stats.duplicates === 0 && stats.distinctIdentities === EMAILS,
    `${stats.distinctIdentities} distinct of ${EMAILS}, ${stats.duplicates} duplicates, ${stats.emailsStored} stored, ${stats.requests.total} requests, ${stats.replays} idempotent replays, ${stats.rateLimited} answered 429`,
  );
  check(`the provider's rate held in sum`, stats.maxAdmittedPerSecond <= RATE, `most requests in any 1 s: ${stats.maxAdmittedPerSecond} (limit ${RATE})`);
}

/** Waits until nothing is queued or being sent; false when `seconds` passed first. */
async function waitForOutbox(sqlClient: Sql, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const [{ waiting }] = await sqlClient`select count(*)::int as waiting from email_outbox where status in ('queued', 'sending')`;
    if (waiting === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

async function settingsAcrossInstances(db: Db, sqlClient: Sql, all: Target[], adminEmail: string): Promise<void> {
  // Every instance (and nginx's connections to them) renders the shop first: a cache would now hold the old values.
  const before = await Promise.all(all.map((target) => request(target, "GET", "/")));
  const settings = await findShopSettings(db, null, "demo");
  if (!settings) throw new Error("The demo shop is missing");
  const { shop, hosts } = settings;
  const name = `Scale Shop ${randomBytes(3).toString("hex")}`;
  // Dark enough for white text (the form checks the contrast), and not the one the shop has.
  const accentColor = ["#7c2d12", "#1e3a8a", "#14532d"].find((colour) => colour !== shop.accentColor.toLowerCase())!;
  const [{ id: actorId }] = await sqlClient`select id from staff_users where email = ${adminEmail}`;
  const saved = await updateShop(
    db,
    { id: actorId as string, email: adminEmail, shopIds: null },
    "demo",
    {
      name,
      hostNames: hosts.join("\n"),
      baseUrl: shop.baseUrl,
      senderName: shop.senderName,
      senderEmail: shop.senderEmail,
      logoUrl: shop.logoUrl ?? "",
      accentColor,
      callCentreResetMode: shop.callCentreResetMode,
      activationTtlHours: String(shop.activationTtlMinutes / 60),
      contactActivationTtlHours: String(shop.contactActivationTtlMinutes / 60),
      resetTtlMinutes: String(shop.resetTtlMinutes),
    },
    "127.0.0.1",
  );
  if (!saved.ok) throw new Error(`Changing the demo shop failed: ${JSON.stringify(saved)}`);
  const shows = (body: string) => body.includes(`>${name}<`) && body.toLowerCase().includes(`--accent:${accentColor}`);
  const wasShown = before.filter((answer) => shows(answer.body)).length;
  // Several requests through nginx: each goes to the next instance.
  const targets = [...all, ...all.slice(0, 1), ...all.slice(0, 1)];
  const after = await everywhere(
    targets.map((target, index) => ({ ...target, label: `${target.label}${index >= all.length ? ` (again ${index - all.length + 1})` : ""}` })),
    async (target) => shows((await request(target, "GET", "/")).body),
  );
  check(`the demo shop renamed to "${name}", accent ${accentColor}, shown by every instance at once`, wasShown === 0 && after.ok, `before: ${wasShown} showed it; after: ${after.detail}`);
}
