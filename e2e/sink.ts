// Typed client for e2e/resend-sink.mjs: read the e-mails the app sent through the real Resend SDK.
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

export async function sinkEmails(filter: SinkFilter = {}): Promise<SinkEmail[]> {
  const query = new URLSearchParams();
  if (filter.to) query.set("to", filter.to);
  if (filter.tag) query.set("tag", filter.tag);
  const qs = query.toString() ? `?${query}` : "";
  const { emails } = (await call("GET", `/_sink/emails${qs}`)) as { emails: SinkEmail[] };
  return emails;
}

/** Forgets all e-mails, idempotency keys and injected failures. */
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

export type RunningSink = { url: string; stop: () => Promise<void> };

/** Starts the sink on a free port as a child process (for Vitest; Playwright starts its own). */
export async function startSink(): Promise<RunningSink> {
  const script = fileURLToPath(new URL("./resend-sink.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`sink did not start:\n${output}`)), 10_000);
    child.once("exit", (code) => reject(new Error(`sink exited with ${code}:\n${output}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
