// Checks the Resend sink against the real `resend` SDK, so the e2e suite can trust what it reads.
import { request } from "node:http";
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  clearSink,
  configureSink,
  extractLinks,
  failNextSends,
  sinkConfig,
  sinkEmails,
  sinkStats,
  startSink,
  waitForEmail,
  type RunningSink,
  type SinkConfig,
} from "./sink";

const FROM = "Storefront <no-reply@storefront.test>";

let sink: RunningSink;
let baseUrl: string;
let resend: Resend;

beforeAll(async () => {
  sink = await startSink();
  baseUrl = sink.url;
  process.env.RESEND_SINK_URL = baseUrl;
  // The SDK reads RESEND_BASE_URL once, in the constructor; the option below takes precedence over it.
  resend = new Resend("re_test_key", { baseUrl });
});

afterAll(async () => {
  await sink?.stop();
});

beforeEach(async () => {
  await clearSink();
});

describe("resend sink", () => {
  it("stores an e-mail sent with tags and an idempotency key, once", async () => {
    const email = {
      from: FROM,
      to: "Shopper@Example.com",
      subject: "Verify your e-mail",
      html: "<p>Verify</p>",
      text: "Open https://shop.test/verify?token=abc123. Thanks!",
      tags: [{ name: "notification", value: "verify-email" }],
      headers: { "X-Entity-Ref-ID": "user-1" },
    };
    const first = await resend.emails.send(email, { idempotencyKey: "verify/user-1" });
    expect(first.error).toBeNull();
    expect(first.data?.id).toMatch(/^[0-9a-f-]{36}$/);

    const [stored] = await waitForEmail({ to: "shopper@example.com", tag: "verify-email" });
    expect(stored).toMatchObject({
      id: first.data!.id,
      from: FROM,
      to: ["Shopper@Example.com"],
      subject: "Verify your e-mail",
      tags: [{ name: "notification", value: "verify-email" }],
      headers: { "X-Entity-Ref-ID": "user-1" },
      idempotencyKey: "verify/user-1",
      endpoint: "/emails",
    });
    expect(extractLinks(stored)).toEqual(["https://shop.test/verify?token=abc123"]);

    const again = await resend.emails.send(email, { idempotencyKey: "verify/user-1" });
    expect(again.data?.id).toBe(first.data!.id);
    expect(await sinkEmails()).toHaveLength(1);

    const conflict = await resend.emails.send({ ...email, subject: "Other" }, { idempotencyKey: "verify/user-1" });
    expect(conflict.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(await sinkEmails({ tag: "other" })).toHaveLength(0);
  });

  it("stores a batch of two", async () => {
    const { data, error } = await resend.batch.send([
      { from: FROM, to: ["a@example.com"], subject: "One", text: "1", tags: [{ name: "notification", value: "batch" }] },
      { from: FROM, to: "b@example.com", cc: "c@example.com", subject: "Two", text: "2" },
    ]);
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(2);

    const emails = await sinkEmails();
    expect(emails.map((e) => e.id)).toEqual(data!.data.map((d) => d.id));
    expect(emails.every((e) => e.endpoint === "/emails/batch")).toBe(true);
    expect(await sinkEmails({ to: "C@example.com" })).toHaveLength(1);
    expect(await sinkEmails({ tag: "batch" })).toHaveLength(1);
  });

  it("returns injected 429 and 500 errors as `error` and stores nothing", async () => {
    await failNextSends(429, 1, 7);
    const limited = await resend.emails.send({ from: FROM, to: "a@example.com", subject: "Hi", text: "x" });
    expect(limited.data).toBeNull();
    expect(limited.error).toEqual({ statusCode: 429, name: "rate_limit_exceeded", message: expect.any(String) });
    expect(limited.headers?.["retry-after"]).toBe("7");

    await failNextSends(500, 2);
    const failed = await resend.batch.send([{ from: FROM, to: "a@example.com", subject: "Hi", text: "x" }]);
    expect(failed.error).toEqual({ statusCode: 500, name: "internal_server_error", message: expect.any(String) });
    const failedAgain = await resend.emails.send({ from: FROM, to: "a@example.com", subject: "Hi", text: "x" });
    expect(failedAgain.error?.statusCode).toBe(500);
    expect(await sinkEmails()).toHaveLength(0);

    const ok = await resend.emails.send({ from: FROM, to: "a@example.com", subject: "Hi", text: "x" });
    expect(ok.error).toBeNull();
    expect(await sinkEmails()).toHaveLength(1);
  });

  it("refuses bad input the way Resend does", async () => {
    // Deliberately invalid: the SDK types require `to`.
    const noTo = await resend.emails.send({ from: FROM, subject: "Hi", text: "x" } as unknown as Parameters<
      typeof resend.emails.send
    >[0]);
    expect(noTo.error).toEqual({ statusCode: 422, name: "missing_required_field", message: "Missing `to` field." });

    const badTag = await resend.emails.send({
      from: FROM,
      to: "a@example.com",
      subject: "Hi",
      text: "x",
      tags: [{ name: "notification", value: "has.dot" }],
    });
    expect(badTag.error).toMatchObject({ statusCode: 422, name: "validation_error" });

    const unauthenticated = await fetch(`${baseUrl}/emails`, { method: "POST", body: "{}" });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });

    expect(await sinkEmails()).toHaveLength(0);
  });

  it("times out waitForEmail with a list of what arrived", async () => {
    await resend.emails.send({ from: FROM, to: "someone@example.com", subject: "Hello", text: "x" });
    await expect(waitForEmail({ to: "nobody@example.com" }, { timeoutMs: 300 })).rejects.toThrow(
      /0 matched[\s\S]*someone@example\.com subject="Hello"/,
    );
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A valid single e-mail; `n` makes its content (and so its idempotency fingerprint) unique. */
function message(n: number | string = 1, tags?: { name: string; value: string }[]) {
  return { from: FROM, to: `user${n}@example.com`, subject: `Message ${n}`, text: `Body ${n}`, ...(tags ? { tags } : {}) };
}

/** What the SDK hands back when the connection breaks before an answer: no status, no headers. */
const NETWORK_ERROR = {
  data: null,
  error: { name: "application_error", statusCode: null, message: "Unable to fetch data. The request could not be resolved." },
  headers: null,
};

describe("resend sink: rate limit", () => {
  it("answers 429 with retry-after and ratelimit headers above N requests per second, and admits exactly N", async () => {
    await configureSink({ ratePerSecond: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => resend.emails.send(message(i))));
    const admitted = results.filter((r) => r.error === null);
    const limited = results.filter((r) => r.error !== null);

    expect(admitted).toHaveLength(5);
    expect(admitted[0].headers).toMatchObject({ "ratelimit-limit": "5" });
    expect(limited).toHaveLength(15);
    for (const r of limited) {
      expect(r.data).toBeNull();
      expect(r.error).toEqual({ statusCode: 429, name: "rate_limit_exceeded", message: expect.stringContaining("5 requests per second") });
      expect(r.headers).toMatchObject({ "retry-after": "1", "ratelimit-limit": "5", "ratelimit-remaining": "0", "ratelimit-reset": "1" });
    }
    // /emails and /emails/batch share the budget.
    const batch = await resend.batch.send([message("b")]);
    expect(batch.error?.statusCode).toBe(429);

    const stats = await sinkStats();
    expect(stats).toMatchObject({ rateLimited: 16, answered2xx: 5, emailsStored: 5, maxAdmittedPerSecond: 5 });
    expect(stats.answered).toEqual({ "200": 5, "429": 16 });
  });

  it("keeps a greedy client to N per sliding second; refused requests do not use up the budget", async () => {
    const N = 4;
    await configureSink({ ratePerSecond: N });
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < 2_300) {
      const { error } = await resend.emails.send(message(sent++));
      if (error) expect(error.statusCode).toBe(429);
    }
    const stats = await sinkStats();
    expect(stats.rateLimited).toBeGreaterThan(20);
    // Had the 429s counted, the steady stream of them would have kept the window full after the first second.
    expect(stats.emailsStored).toBeGreaterThanOrEqual(2 * N + 1);
    expect(stats.emailsStored).toBeLessThanOrEqual(3 * N);
    expect(stats.maxAdmittedPerSecond).toBe(N);

    // Independently of the sink's own counter: any N+1 consecutive admissions span at least a second
    // (receivedAt has millisecond precision and is taken a moment after admission).
    const times = (await sinkEmails({}, { summary: true })).map((e) => Date.parse(e.receivedAt));
    for (let i = 0; i + N < times.length; i++) expect(times[i + N] - times[i]).toBeGreaterThanOrEqual(990);
  });

  it("is a sliding window, not a per-second bucket", async () => {
    await configureSink({ ratePerSecond: 2 });
    const a = await resend.emails.send(message("a"));
    const afterA = Date.now();
    await sleep(500);
    const b = await resend.emails.send(message("b"));
    await sleep(afterA + 1_100 - Date.now());
    const c = await resend.emails.send(message("c")); // a has left the window, b is still in it
    const d = await resend.emails.send(message("d"));
    expect([a.error, b.error, c.error]).toEqual([null, null, null]);
    expect(d.error?.statusCode).toBe(429);
    expect(d.headers?.["retry-after"]).toBe("1");
  });

  it("is off by default and still measures the busiest second", async () => {
    expect((await sinkConfig()).ratePerSecond).toBeNull();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => resend.emails.send(message(i))));
    expect(results.every((r) => r.error === null)).toBe(true);
    expect(results[0].headers?.["ratelimit-limit"]).toBeUndefined();
    expect((await sinkStats()).maxAdmittedPerSecond).toBe(30);
  });
});

describe("resend sink: fault injection", () => {
  it("5xx: a Resend-like 500 or 503 error object; nothing stored, the key not recorded", async () => {
    await configureSink({ faultRate: 1, faultKinds: ["5xx"] });
    const first = await resend.emails.send(message(1), { idempotencyKey: "k-5xx" });
    const second = await resend.batch.send([message(2)], { idempotencyKey: "k-5xx-batch" });
    expect(first).toMatchObject({ data: null, error: { statusCode: 500, name: "internal_server_error", message: expect.any(String) } });
    expect(second).toMatchObject({ data: null, error: { statusCode: 503, name: "application_error", message: expect.any(String) } });
    expect(await sinkEmails()).toHaveLength(0);

    await configureSink({ faultRate: 0 });
    // Another payload under the same key is accepted: the failed request left no trace of the key.
    const retried = await resend.emails.send(message("other"), { idempotencyKey: "k-5xx" });
    expect(retried.error).toBeNull();
    expect(await sinkStats()).toMatchObject({ faults: { "5xx": 2, drop: 0, lost: 0 }, answered: { "500": 1, "503": 1, "200": 1 } });
  });

  it("drop: the SDK reports an error without a status; nothing stored, the key not recorded", async () => {
    await configureSink({ faultRate: 1, faultKinds: ["drop"] });
    expect(await resend.emails.send(message(1), { idempotencyKey: "k-drop" })).toEqual(NETWORK_ERROR);
    expect(await resend.batch.send([message(2), message(3)])).toEqual(NETWORK_ERROR);
    expect(await sinkEmails()).toHaveLength(0);

    await configureSink({ faultRate: 0 });
    const retried = await resend.emails.send(message("other"), { idempotencyKey: "k-drop" });
    expect(retried.error).toBeNull();
    const stats = await sinkStats();
    expect(stats).toMatchObject({ faults: { "5xx": 0, drop: 2, lost: 0 }, answered: { "200": 1 }, emailsStored: 1 });
    expect(stats.requests.total).toBe(3);
  });

  it("lost: the SDK reports an error without a status, yet the e-mail is stored and a replay returns its id", async () => {
    await configureSink({ faultRate: 1, faultKinds: ["lost"] });
    expect(await resend.emails.send(message(1), { idempotencyKey: "k-lost" })).toEqual(NETWORK_ERROR);
    const batch = [message(2), message(3)];
    expect(await resend.batch.send(batch, { idempotencyKey: "k-lost-batch" })).toEqual(NETWORK_ERROR);
    const stored = await sinkEmails();
    expect(stored.map((e) => e.idempotencyKey)).toEqual(["k-lost", "k-lost-batch", "k-lost-batch"]);

    await configureSink({ faultRate: 0 });
    const replay = await resend.emails.send(message(1), { idempotencyKey: "k-lost" });
    expect(replay).toMatchObject({ data: { id: stored[0].id }, error: null });
    const batchReplay = await resend.batch.send(batch, { idempotencyKey: "k-lost-batch" });
    expect(batchReplay.data?.data).toEqual([{ id: stored[1].id }, { id: stored[2].id }]);
    expect(await sinkEmails()).toHaveLength(3);
    expect(await sinkStats()).toMatchObject({ faults: { lost: 2 }, replays: 2, emailsStored: 3, duplicates: 0, answered: { "200": 2 } });
  });

  it("fails about the configured fraction, kinds drawn uniformly, the same requests for the same seed", async () => {
    type Outcome = "ok" | number | "network";
    async function run(seed: number): Promise<{ outcomes: Outcome[]; stats: Awaited<ReturnType<typeof sinkStats>> }> {
      await clearSink();
      await configureSink({ faultRate: 0.2, seed });
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 500; i++) {
        const { error } = await resend.emails.send(message(i));
        outcomes.push(error === null ? "ok" : (error.statusCode ?? "network"));
      }
      return { outcomes, stats: await sinkStats() };
    }
    const { outcomes, stats } = await run(42);
    const { "5xx": serverErrors, drop, lost } = stats.faults;
    expect(serverErrors + drop + lost).toBeGreaterThanOrEqual(70); // p = 0.2 of 500: 100 ± 9 (one standard deviation)
    expect(serverErrors + drop + lost).toBeLessThanOrEqual(130);
    for (const count of [serverErrors, drop, lost]) expect(count).toBeGreaterThanOrEqual(15);
    // What the SDK saw agrees with the sink's counters.
    expect(outcomes.filter((o) => o === 500 || o === 503)).toHaveLength(serverErrors);
    expect(outcomes.filter((o) => o === "network")).toHaveLength(drop + lost);
    expect(stats.emailsStored).toBe(outcomes.filter((o) => o === "ok").length + lost);

    expect((await run(42)).outcomes).toEqual(outcomes);
    expect((await run(43)).outcomes).not.toEqual(outcomes);
  });

  it("checks the rate limit first: a faulted request counts as admitted", async () => {
    await configureSink({ ratePerSecond: 2, faultRate: 1, faultKinds: ["5xx"] });
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => resend.emails.send(message(i))));
    expect(results.map((r) => r.error?.statusCode).sort()).toEqual([429, 429, 500, 503]);
    expect(await sinkStats()).toMatchObject({ faults: { "5xx": 2 }, rateLimited: 2, maxAdmittedPerSecond: 2 });

    // A refused request is answered 429 even when every admitted one is lost.
    await clearSink();
    await configureSink({ ratePerSecond: 2, faultRate: 1, faultKinds: ["lost"] });
    const lost = await Promise.all(Array.from({ length: 4 }, (_, i) => resend.emails.send(message(i))));
    expect(lost.map((r) => r.error?.statusCode ?? "network").sort()).toEqual([429, 429, "network", "network"]);
    expect(await sinkStats()).toMatchObject({ faults: { lost: 2 }, rateLimited: 2, emailsStored: 2 });
  });
});

/** Starts a POST /emails with `key` whose body is not finished; `finish()` sends the rest and resolves with the answer. */
function startSlowSend(key: string, body: string): { finish: () => Promise<{ status: number; body: string }> } {
  const url = new URL("/emails", baseUrl);
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      headers: { authorization: "Bearer re_test_key", "content-type": "application/json", "idempotency-key": key, "content-length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.write(body.slice(0, 10));
    slowRequests.set(key, () => req.end(body.slice(10)));
  });
  return {
    finish: () => {
      slowRequests.get(key)!();
      return answer;
    },
  };
}
const slowRequests = new Map<string, () => void>();

describe("resend sink: idempotency keys", () => {
  it("keeps a key 24 hours by default and forgets it after the configured TTL", async () => {
    expect((await sinkConfig()).idempotencyTtlSeconds).toBe(24 * 60 * 60);
    await configureSink({ idempotencyTtlSeconds: 0.5 });
    const first = await resend.emails.send(message(1), { idempotencyKey: "k-ttl" });
    const replay = await resend.emails.send(message(1), { idempotencyKey: "k-ttl" });
    expect(replay.data?.id).toBe(first.data!.id);
    const other = await resend.emails.send(message(2), { idempotencyKey: "k-ttl" });
    expect(other.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });

    await sleep(600);
    const afterTtl = await resend.emails.send(message(2), { idempotencyKey: "k-ttl" });
    expect(afterTtl.error).toBeNull();
    expect(afterTtl.data?.id).not.toBe(first.data!.id);
    // Sent twice under one key: the second is a duplicate of the same logical e-mail (key + index 0).
    expect(await sinkStats()).toMatchObject({ emailsStored: 2, replays: 1, duplicates: 1, distinctIdentities: 1 });
  });

  it("answers 409 concurrent_idempotent_requests while a request with the same key is in progress", async () => {
    const body = JSON.stringify(message(1));
    const slow = startSlowSend("k-busy", body);
    await expect.poll(async () => (await sinkStats()).requests.total).toBe(1);

    const concurrent = await resend.emails.send(message(1), { idempotencyKey: "k-busy" });
    expect(concurrent.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
    expect(await sinkEmails()).toHaveLength(0);

    const original = await slow.finish();
    expect(original.status).toBe(200);
    const { id } = JSON.parse(original.body) as { id: string };
    const replay = await resend.emails.send(message(1), { idempotencyKey: "k-busy" });
    expect(replay.data?.id).toBe(id);
    expect(await sinkEmails()).toHaveLength(1);
  });

  it("stores one e-mail when many requests with the same key race", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => resend.emails.send(message(1), { idempotencyKey: "k-race" })));
    const [stored] = await sinkEmails();
    expect(await sinkEmails()).toHaveLength(1);
    for (const r of results) {
      if (r.error) expect(r.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
      else expect(r.data?.id).toBe(stored.id);
    }
    expect(results.some((r) => r.error === null)).toBe(true);
  });
});

describe("resend sink: statistics", () => {
  it("counts duplicates by the outbox tag across different idempotency keys", async () => {
    const outbox = (id: string) => [{ name: "outbox", value: id }];
    await resend.emails.send(message(1, outbox("row-1")), { idempotencyKey: "attempt-1" });
    await resend.emails.send(message(1, outbox("row-1")), { idempotencyKey: "attempt-2" });
    await resend.batch.send([message(2, outbox("row-2")), message(3, outbox("row-3"))], { idempotencyKey: "batch-1" });
    await resend.batch.send([message(3, outbox("row-3")), message(4, outbox("row-4"))], { idempotencyKey: "batch-2" });
    // Neither tag nor key: never counted as a duplicate.
    await resend.emails.send(message(5));
    await resend.emails.send(message(5));
    expect(await sinkStats()).toMatchObject({ emailsStored: 8, duplicates: 2, distinctIdentities: 6, replays: 0 });
  });

  it("reports requests by endpoint, answers, injected failures and the first and last stored time", async () => {
    const empty = await sinkStats();
    expect(empty).toEqual({
      requests: { total: 0, byEndpoint: { "/emails": 0, "/emails/batch": 0 } },
      answered: {},
      answered2xx: 0,
      rateLimited: 0,
      injectedFailures: 0,
      faults: { "5xx": 0, drop: 0, lost: 0 },
      replays: 0,
      emailsStored: 0,
      duplicates: 0,
      distinctIdentities: 0,
      firstStoredAt: null,
      lastStoredAt: null,
      maxAdmittedPerSecond: 0,
    });

    const before = Date.now();
    await resend.emails.send(message(1));
    await sleep(20);
    await resend.batch.send([message(2), message(3)], { idempotencyKey: "b" });
    await resend.batch.send([message(2), message(3)], { idempotencyKey: "b" }); // replay
    await failNextSends(429, 1, 3);
    await resend.emails.send(message(4));
    await fetch(`${baseUrl}/emails`, { method: "POST", body: "{}" }); // no API key: 401
    const stats = await sinkStats();
    expect(stats).toMatchObject({
      requests: { total: 5, byEndpoint: { "/emails": 3, "/emails/batch": 2 } },
      answered: { "200": 3, "429": 1, "401": 1 },
      answered2xx: 3,
      rateLimited: 1,
      injectedFailures: 1,
      replays: 1,
      emailsStored: 3,
      duplicates: 0,
      distinctIdentities: 3,
    });
    const first = Date.parse(stats.firstStoredAt!);
    const last = Date.parse(stats.lastStoredAt!);
    expect(first).toBeGreaterThanOrEqual(before - 5);
    expect(last - first).toBeGreaterThanOrEqual(15);
    const stored = await sinkEmails();
    expect([stored[0].receivedAt, stored[2].receivedAt]).toEqual([stats.firstStoredAt, stats.lastStoredAt]);
  });

  it("lists 10,000 e-mails in summary and in pages", async () => {
    for (let b = 0; b < 100; b++) {
      const batch = Array.from({ length: 100 }, (_, i) => ({ ...message(b * 100 + i, [{ name: "outbox", value: `row-${b * 100 + i}` }]), html: `<p>${"x".repeat(2000)}</p>` }));
      const { error } = await resend.batch.send(batch);
      expect(error).toBeNull();
    }
    const all = await sinkEmails({}, { summary: true });
    expect(all).toHaveLength(10_000);
    expect(all[9_999]).toMatchObject({ subject: "Message 9999" });
    expect(all.some((e) => "html" in e || "text" in e)).toBe(false);

    const page = await sinkEmails({}, { offset: 5_000, limit: 3 });
    expect(page.map((e) => e.subject)).toEqual(["Message 5000", "Message 5001", "Message 5002"]);
    expect(page[0].html).toContain("xxx");
    const { total } = (await (await fetch(`${baseUrl}/_sink/emails?limit=0`)).json()) as { total: number };
    expect(total).toBe(10_000);
    expect((await fetch(`${baseUrl}/_sink/emails?limit=-1`)).status).toBe(422);
    expect(await sinkStats()).toMatchObject({ emailsStored: 10_000, distinctIdentities: 10_000, duplicates: 0 });
  });
});

describe("resend sink: configuration", () => {
  it("refuses bad values with 422 and keeps the configuration", async () => {
    const before = await sinkConfig();
    const bad: unknown[] = [
      { ratePerSecond: -1 },
      { ratePerSecond: 1.5 },
      { ratePerSecond: "5" },
      { faultRate: 1.5 },
      { faultRate: -0.1 },
      { faultRate: "0.2" },
      { faultKinds: [] },
      { faultKinds: ["5xx", "timeout"] },
      { faultKinds: "drop" },
      { seed: -1 },
      { seed: 0.5 },
      { idempotencyTtlSeconds: 0 },
      { idempotencyTtlSeconds: "60" },
      { rate: 5 },
      [],
      "x",
    ];
    for (const body of bad) {
      const response = await fetch(`${baseUrl}/_sink/config`, { method: "POST", body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await response.json()).toMatchObject({ statusCode: 422, name: "validation_error" });
    }
    await expect(configureSink({ faultRate: 2 })).rejects.toThrow(/422/);
    expect(await sinkConfig()).toEqual(before);
  });

  it("takes partial changes; ratePerSecond 0 means no limit", async () => {
    const changed = await configureSink({ ratePerSecond: 3, faultRate: 0.25, faultKinds: ["lost", "drop"] });
    expect(changed).toEqual({ ratePerSecond: 3, faultRate: 0.25, faultKinds: ["lost", "drop"], seed: 1, idempotencyTtlSeconds: 86_400 });
    expect(await configureSink({ ratePerSecond: 0 })).toMatchObject({ ratePerSecond: null, faultRate: 0.25 });
  });

  it("DELETE /_sink/emails resets e-mails, keys, injected failures, statistics and configuration", async () => {
    await configureSink({ ratePerSecond: 1, idempotencyTtlSeconds: 60 });
    await resend.emails.send(message(1), { idempotencyKey: "k-reset" });
    await failNextSends(500, 5);
    expect((await sinkStats()).requests.total).toBe(1);

    await clearSink();
    expect(await sinkEmails()).toHaveLength(0);
    expect(await sinkConfig()).toEqual({ ratePerSecond: null, faultRate: 0, faultKinds: ["5xx", "drop", "lost"], seed: 1, idempotencyTtlSeconds: 86_400 });
    expect((await sinkStats()).requests.total).toBe(0);
    // No injected failure left, no rate limit, and the key is forgotten (another payload is accepted).
    const results = await Promise.all([
      resend.emails.send(message(2), { idempotencyKey: "k-reset" }),
      resend.emails.send(message(3)),
    ]);
    expect(results.map((r) => r.error)).toEqual([null, null]);
  });
});

describe("resend sink: command line", () => {
  let configured: RunningSink | undefined;
  afterAll(async () => {
    await configured?.stop();
  });

  it("reads flags and SINK_* variables (flags win), resets to them, and --quiet stops the per-e-mail line", async () => {
    configured = await startSink({
      args: ["--rate", "3", "--fault-rate=0.5", "--faults", "drop,lost", "--quiet"],
      env: { SINK_RATE: "9", SINK_SEED: "7", SINK_IDEMPOTENCY_TTL: "60" },
    });
    const expected: SinkConfig = { ratePerSecond: 3, faultRate: 0.5, faultKinds: ["drop", "lost"], seed: 7, idempotencyTtlSeconds: 60 };
    const get = async (path: string) => (await fetch(`${configured!.url}${path}`)).json();
    expect(await get("/_sink/config")).toEqual(expected);

    await fetch(`${configured.url}/_sink/config`, { method: "POST", body: JSON.stringify({ ratePerSecond: null, faultRate: 0 }) });
    const client = new Resend("re_test_key", { baseUrl: configured.url });
    expect((await client.emails.send(message(1))).error).toBeNull();
    expect(configured.output()).not.toContain("stored");
    expect(sink.output()).toMatch(/stored [0-9a-f-]{36} to=/);

    await fetch(`${configured.url}/_sink/emails`, { method: "DELETE" });
    expect(await get("/_sink/config")).toEqual(expected);
  });

  it("refuses a bad flag at start", async () => {
    await expect(startSink({ args: ["--fault-rate", "20%"] })).rejects.toThrow(/exited with 2[\s\S]*faultRate/);
    await expect(startSink({ env: { SINK_FAULTS: "5xx,boom" } })).rejects.toThrow(/exited with 2[\s\S]*faultKinds/);
  });
});
