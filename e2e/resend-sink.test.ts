// Checks the Resend sink against the real `resend` SDK, so the e2e suite can trust what it reads.
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearSink, extractLinks, failNextSends, sinkEmails, startSink, waitForEmail, type RunningSink } from "./sink";

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
