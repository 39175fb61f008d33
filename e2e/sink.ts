// Typed client for e2e/resend-sink.mjs: read the e-mails the app sent through the real Resend SDK,
// set the sink's rate limit, faults and key TTL (configureSink), and read its counters (sinkStats).
// Base URL: RESEND_SINK_URL (read on every call), default http://127.0.0.1:3199.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export type SinkEmail = {
  id: string;
  /** ISO time the sink received the request. */
  receivedAt: string;
  /** "/emails" or "/emails/batch". */
  endpoint: string;
  idempotencyKey: string | null;
  from: string;
  /** Always an array here, even when the SDK sent a single string. Entries may be "Name <addr>". */
  to: string[];
  cc?: string[];
  bcc?: string[];
  reply_to?: string[];
  subject: string;
  html?: string;
  text?: string;
  tags?: { name: string; value: string }[];
  /** Custom e-mail headers from the payload (not the HTTP request headers). */
  headers?: Record<string, string>;
  scheduled_at?: string;
  attachments?: unknown[];
  [field: string]: unknown;
};

export type SinkFilter = {
  /** Bare address, case-insensitive; matches to, cc or bcc. */
  to?: string;
  /** Value of the tag named "notification". */
  tag?: string;
};

/** Paging and size of a listing; `summary` leaves out html, text and attachments (for thousands of e-mails). */
export type SinkPage = { limit?: number; offset?: number; summary?: boolean };

export type FaultKind = "5xx" | "drop" | "lost";

/** The sink's behaviour; DELETE /_sink/emails (clearSink) puts back the values it was started with. */
export type SinkConfig = {
  /** Admitted requests per sliding second on /emails and /emails/batch together; null: no limit. */
  ratePerSecond: number | null;
  /** Fraction (0..1) of admitted requests that fail with one of faultKinds, drawn from a PRNG seeded with `seed`. */
  faultRate: number;
  faultKinds: FaultKind[];
  seed: number;
  /** How long an idempotency key and its answer are kept (Resend: 24 h). */
  idempotencyTtlSeconds: number;
};

export type SinkStats = {
  requests: { total: number; byEndpoint: { "/emails": number; "/emails/batch": number } };
  /** Answers the client received, by HTTP status; dropped and lost requests received none. */
  answered: Record<string, number>;
  answered2xx: number;
  /** 429 answers, from the rate limit or injected with failNextSends. */
  rateLimited: number;
  injectedFailures: number;
  faults: Record<FaultKind, number>;
  /** Requests answered from a recorded idempotency key; nothing was stored. */
  replays: number;
  emailsStored: number;
  /** Stored e-mails whose identity (tag `outbox`, else idempotency key + index in the batch) was stored before. */
  duplicates: number;
  distinctIdentities: number;
  firstStoredAt: string | null;
  lastStoredAt: string | null;
  /** Most requests admitted in any sliding 1-second window, also counted without a limit. */
  maxAdmittedPerSecond: number;
};

function sinkUrl(path: string): string {
  return `${process.env.RESEND_SINK_URL ?? "http://127.0.0.1:3199"}${path}`;
}

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(sinkUrl(path), {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Resend sink ${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export async function sinkEmails(filter: SinkFilter = {}, page: SinkPage = {}): Promise<SinkEmail[]> {
  const query = new URLSearchParams();
  if (filter.to) query.set("to", filter.to);
  if (filter.tag) query.set("tag", filter.tag);
  if (page.limit !== undefined) query.set("limit", String(page.limit));
  if (page.offset !== undefined) query.set("offset", String(page.offset));
  if (page.summary) query.set("summary", "1");
  const qs = query.toString() ? `?${query}` : "";
  const { emails } = (await call("GET", `/_sink/emails${qs}`)) as { emails: SinkEmail[] };
  return emails;
}

/** Changes some of the sink's settings; the answer is the whole configuration. Throws on a 422 (bad value). */
export async function configureSink(changes: Partial<SinkConfig>): Promise<SinkConfig> {
  return (await call("POST", "/_sink/config", changes)) as SinkConfig;
}

export async function sinkConfig(): Promise<SinkConfig> {
  return (await call("GET", "/_sink/config")) as SinkConfig;
}

export async function sinkStats(): Promise<SinkStats> {
  return (await call("GET", "/_sink/stats")) as SinkStats;
}

/** Forgets all e-mails, idempotency keys, injected failures and statistics, and restores the start configuration. */
export async function clearSink(): Promise<void> {
  await call("DELETE", "/_sink/emails");
}

/** Makes the next `times` send requests (single or batch) fail with `status`; nothing is stored. */
export async function failNextSends(status: number, times = 1, retryAfter?: number): Promise<void> {
  await call("POST", "/_sink/fail", { status, times, retryAfter });
}

function describe(emails: SinkEmail[]): string {
  if (emails.length === 0) return "  (no e-mails at all)";
  return emails
    .map((e) => {
      const tags = (e.tags ?? []).map((t) => `${t.name}=${t.value}`).join(",");
      return `  - to=${e.to.join(",")} subject=${JSON.stringify(e.subject)}${tags ? ` tags=${tags}` : ""}`;
    })
    .join("\n");
}

/** Polls until at least `count` e-mails match `filter`, then returns all matches (oldest first). */
export async function waitForEmail(
  filter: SinkFilter,
  { timeoutMs = 15_000, count = 1 }: { timeoutMs?: number; count?: number } = {},
): Promise<SinkEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const matches = await sinkEmails(filter);
    if (matches.length >= count) return matches;
    if (Date.now() >= deadline) {
      const all = await sinkEmails();
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${count} e-mail(s) matching ${JSON.stringify(filter)}; ` +
          `${matches.length} matched. The sink received ${all.length}:\n${describe(all)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** http(s) URLs in the text part, in order, without duplicates or trailing punctuation. */
export function extractLinks(email: Pick<SinkEmail, "text">): string[] {
  const found = (email.text ?? "").match(/https?:\/\/[^\s<>"'`]+/g) ?? [];
  const links = found.map((url) => url.replace(/[.,;:!?)\]}>]+$/, ""));
  return [...new Set(links)];
}

export type RunningSink = {
  url: string;
  stop: () => Promise<void>;
  /** Everything the sink printed on stdout so far. */
  output: () => string;
};

/**
 * Starts the sink on a free port as a child process (for Vitest; Playwright starts its own).
 * `args` and `env` add command-line flags and SINK_* variables, e.g. `{ args: ["--rate", "5"] }`.
 */
export async function startSink({ args = [], env = {} }: { args?: string[]; env?: Record<string, string> } = {}): Promise<RunningSink> {
  const script = fileURLToPath(new URL("./resend-sink.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let output = "";
  let errors = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
    process.stderr.write(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sink did not start:\n${output}${errors}`)), 10_000);
    child.once("exit", (code) => reject(new Error(`sink exited with ${code}:\n${output}${errors}`)));
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", check);
      resolve(match[1]);
    };
    child.stdout!.on("data", check);
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
