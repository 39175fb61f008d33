#!/usr/bin/env node
// Local stand-in for the parts of the Resend API that `resend.emails.send()` and
// `resend.batch.send()` use. Point the real SDK at it with RESEND_BASE_URL (or the
// `baseUrl` constructor option) and read what was "sent" through /_sink/emails.
//
//   node e2e/resend-sink.mjs [--port N]      (or SINK_PORT=N; default 3199; 0 = any free port)
//
// Resend API (as the SDK calls it):
//   POST /emails          body: one e-mail        -> 200 { id }
//   POST /emails/batch    body: array of e-mails  -> 200 { data: [{ id }] }  (+ errors[] in permissive mode)
//   Errors are JSON { statusCode, name, message }, the body the SDK hands back as `error`.
// Test side:
//   GET    /_sink/emails[?to=addr][&tag=value]  -> { emails: [...] } oldest first
//   DELETE /_sink/emails                        -> clears e-mails, idempotency keys, injected failures
//   POST   /_sink/fail { status, times?, retryAfter?, name?, message? }
//   GET    /_sink/health                        -> 200 "ok"
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";

const HOST = "127.0.0.1";
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

// ---------------------------------------------------------------- state

/** @type {Array<Record<string, unknown>>} */
let emails = [];
/** @type {Map<string, { fingerprint: string, status: number, body: unknown }>} */
let idempotency = new Map();
/** @type {{ status: number, times: number, retryAfter?: number, name?: string, message?: string } | null} */
let failure = null;

function reset() {
  emails = [];
  idempotency = new Map();
  failure = null;
}

// ---------------------------------------------------------------- helpers

class ApiError extends Error {
  /** @param {number} statusCode @param {string} name @param {string} message */
  constructor(statusCode, name, message) {
    super(message);
    this.statusCode = statusCode;
    this.name = name;
    /** @type {Record<string, string> | undefined} extra response headers */
    this.headers = undefined;
  }
}

const missing = (field) => new ApiError(422, "missing_required_field", `Missing \`${field}\` field.`);
const invalid = (message) => new ApiError(422, "validation_error", message);

/** Default error name/message for an injected status, modelled on Resend's error table. */
function defaultError(status) {
  if (status === 429) return ["rate_limit_exceeded", "Too many requests. You can only make 2 requests per second."];
  if (status === 401) return ["missing_api_key", "Missing API key in the authorization header."];
  if (status === 403) return ["invalid_api_key", "API key is invalid."];
  if (status === 409) return ["concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress."];
  if (status === 500) return ["internal_server_error", "An unexpected error occurred."];
  if (status >= 500) return ["application_error", "An unexpected error occurred."];
  return ["validation_error", "We found an error with one or more fields in the request."];
}

function send(res, status, body, headers = {}) {
  const isText = typeof body === "string";
  res.writeHead(status, {
    "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    ...headers,
  });
  res.end(isText ? body : JSON.stringify(body));
}

function sendError(res, error, headers) {
  send(res, error.statusCode, { statusCode: error.statusCode, name: error.name, message: error.message }, headers);
}

/** Reads the request body as text, refusing more than MAX_BODY_BYTES. */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new ApiError(413, "validation_error", `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return reject(tooLarge());
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume(); // discard the rest
        reject(tooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid("Invalid JSON body.");
  }
}

/** "Name <a@b.c>" or "a@b.c" -> "a@b.c" (lower-cased). */
function bareAddress(value) {
  const match = /<([^<>]+)>\s*$/.exec(value);
  return (match ? match[1] : value).trim().toLowerCase();
}

function addressList(payload, field, { required = false, max = Infinity } = {}) {
  const value = payload[field];
  if (value === undefined || value === null) {
    if (required) throw missing(field);
    return undefined;
  }
  const list = Array.isArray(value) ? value : [value];
  if (required && list.length === 0) throw missing(field);
  if (list.length > max) throw invalid(`Too many recipients in \`${field}\`: the maximum is ${max}.`);
  for (const item of list) {
    if (typeof item !== "string" || !ADDRESS.test(bareAddress(item))) {
      throw invalid(`Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`);
    }
  }
  return list;
}

/** Validates one e-mail payload (API field names) and returns the fields to store. */
function validateEmail(payload, { inBatch }) {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw invalid("The e-mail must be a JSON object.");
  }
  const from = payload.from;
  if (from === undefined || from === null || from === "") throw missing("from");
  if (typeof from !== "string" || !ADDRESS.test(bareAddress(from))) {
    throw invalid("Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.");
  }
  const to = addressList(payload, "to", { required: true, max: MAX_RECIPIENTS });
  const cc = addressList(payload, "cc");
  const bcc = addressList(payload, "bcc");
  const reply_to = addressList(payload, "reply_to");

  const usesTemplate = payload.template !== undefined && payload.template !== null;
  if (!usesTemplate && (typeof payload.subject !== "string" || payload.subject === "")) throw missing("subject");
  for (const field of ["html", "text"]) {
    if (payload[field] !== undefined && payload[field] !== null && typeof payload[field] !== "string") {
      throw invalid(`The \`${field}\` field must be a string.`);
    }
  }
  if (!usesTemplate && !payload.html && !payload.text) {
    throw new ApiError(422, "missing_required_field", "Missing `html` or `text` field.");
  }

  if (payload.tags !== undefined && payload.tags !== null) {
    if (!Array.isArray(payload.tags)) throw invalid("The `tags` field must be an array of { name, value }.");
    for (const tag of payload.tags) {
      if (typeof tag?.name !== "string" || !TAG_PART.test(tag.name)) {
        throw invalid("Tag names can only contain ASCII letters (a-z, A-Z), numbers (0-9), underscores (_), or dashes (-), up to 256 characters.");
      }
      if (typeof tag.value !== "string" || !TAG_PART.test(tag.value)) {
        throw invalid("Tag values can only contain ASCII letters (a-z, A-Z), numbers (0-9), underscores (_), or dashes (-), up to 256 characters.");
      }
    }
  }
  if (payload.headers !== undefined && payload.headers !== null) {
    const ok = typeof payload.headers === "object" && !Array.isArray(payload.headers) &&
      Object.values(payload.headers).every((v) => typeof v === "string");
    if (!ok) throw invalid("The `headers` field must be an object of string values.");
  }
  if (inBatch && payload.attachments !== undefined && payload.attachments !== null) {
    throw invalid("Attachments are not supported in batch sending.");
  }
  if (inBatch && payload.scheduled_at !== undefined && payload.scheduled_at !== null) {
    throw invalid("`scheduled_at` is not supported in batch sending.");
  }
  return { ...payload, to, cc, bcc, reply_to };
}

function store(fields, meta) {
  const email = { ...fields, ...meta, id: randomUUID(), receivedAt: new Date().toISOString() };
  emails.push(email);
  console.log(`[resend-sink] stored ${email.id} to=${fields.to.join(",")} subject=${JSON.stringify(fields.subject ?? "")}`);
  return email.id;
}

// ---------------------------------------------------------------- Resend endpoints

async function handleSend(req, res, path) {
  const auth = req.headers.authorization ?? "";
  if (!/^Bearer\s+\S+/.test(auth)) {
    throw new ApiError(401, "missing_api_key", "Missing API key in the authorization header. Include the following header Authorization: Bearer YOUR_API_KEY in the request.");
  }

  const text = await readBody(req);

  if (failure) {
    const { status, retryAfter } = failure;
    const [defaultName, defaultMessage] = defaultError(status);
    const error = new ApiError(status, failure.name ?? defaultName, failure.message ?? defaultMessage);
    if (status === 429 && retryAfter !== undefined) error.headers = { "retry-after": String(retryAfter) };
    if (--failure.times <= 0) failure = null;
    throw error;
  }

  const key = req.headers["idempotency-key"];
  if (key !== undefined && (typeof key !== "string" || key.length < 1 || key.length > 256)) {
    throw new ApiError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
  }
  const fingerprint = createHash("sha256").update(`${path}\n${text}`).digest("hex");
  const previous = key ? idempotency.get(key) : undefined;
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw new ApiError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
    }
    return send(res, previous.status, previous.body);
  }

  const body = parseJson(text);
  const meta = { idempotencyKey: key ?? null, endpoint: path };
  let result;
  if (path === "/emails") {
    result = { id: store(validateEmail(body, { inBatch: false }), meta) };
  } else {
    result = sendBatch(body, meta, req.headers["x-batch-validation"] === "permissive");
  }
  if (key) idempotency.set(key, { fingerprint, status: 200, body: result });
  send(res, 200, result);
}

function sendBatch(body, meta, permissive) {
  if (!Array.isArray(body)) throw invalid("The batch body must be an array of e-mails.");
  if (body.length === 0) throw invalid("The batch must contain at least one e-mail.");
  if (body.length > MAX_BATCH) throw invalid(`The batch must contain at most ${MAX_BATCH} e-mails.`);

  const valid = [];
  const errors = [];
  body.forEach((payload, index) => {
    try {
      valid.push(validateEmail(payload, { inBatch: true }));
    } catch (error) {
      if (!(error instanceof ApiError) || !permissive) {
        if (error instanceof ApiError) error.message = `emails[${index}]: ${error.message}`;
        throw error;
      }
      errors.push({ index, message: error.message });
    }
  });
  const data = valid.map((fields) => ({ id: store(fields, meta) }));
  return permissive ? { data, errors } : { data };
}

// ---------------------------------------------------------------- test-side endpoints

function listEmails(url) {
  const to = url.searchParams.get("to")?.trim().toLowerCase();
  const tag = url.searchParams.get("tag");
  return emails.filter((email) => {
    if (to) {
      const recipients = [email.to, email.cc, email.bcc].flat().filter(Boolean).map(bareAddress);
      if (!recipients.includes(to)) return false;
    }
    if (tag !== null) {
      const tags = Array.isArray(email.tags) ? email.tags : [];
      if (!tags.some((t) => t.name === "notification" && t.value === tag)) return false;
    }
    return true;
  });
}

async function handleFail(req, res) {
  const body = parseJson(await readBody(req));
  const { status, times = 1, retryAfter, name, message } = body ?? {};
  if (!Number.isInteger(status) || status < 400 || status > 599) throw invalid("`status` must be an integer between 400 and 599.");
  if (!Number.isInteger(times) || times < 1) throw invalid("`times` must be a positive integer.");
  if (retryAfter !== undefined && !(Number.isFinite(retryAfter) && retryAfter >= 0)) throw invalid("`retryAfter` must be a number of seconds.");
  failure = { status, times, retryAfter, name, message };
  send(res, 200, { ok: true, failure });
}

// ---------------------------------------------------------------- routing

const routes = {
  "/emails": { POST: (req, res) => handleSend(req, res, "/emails") },
  "/emails/batch": { POST: (req, res) => handleSend(req, res, "/emails/batch") },
  "/_sink/emails": {
    GET: (req, res, url) => send(res, 200, { emails: listEmails(url) }),
    DELETE: (req, res) => {
      reset();
      send(res, 200, { ok: true });
    },
  },
  "/_sink/fail": { POST: handleFail },
  "/_sink/health": { GET: (req, res) => send(res, 200, "ok") },
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://${HOST}`);
  const route = routes[url.pathname.replace(/\/+$/, "") || "/"];
  try {
    if (!route) throw new ApiError(404, "not_found", "The requested endpoint does not exist.");
    const handler = route[req.method ?? ""];
    if (!handler) throw new ApiError(405, "method_not_allowed", "Method is not allowed for the requested path.");
    await handler(req, res, url);
  } catch (error) {
    if (res.headersSent) return res.end();
    if (error instanceof ApiError) {
      if (error.statusCode === 413) res.setHeader("connection", "close");
      return sendError(res, error, error.headers);
    }
    console.error("[resend-sink] unexpected error:", error);
    sendError(res, new ApiError(500, "internal_server_error", "An unexpected error occurred."));
  }
});

// ---------------------------------------------------------------- start / stop

function portFromArgs() {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const raw = i === -1 ? process.env.SINK_PORT : args[i].includes("=") ? args[i].split("=")[1] : args[i + 1];
  if (raw === undefined || raw === "") return 3199;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[resend-sink] invalid port: ${raw}`);
    process.exit(2);
  }
  return port;
}

server.listen(portFromArgs(), HOST, () => {
  const { port } = server.address();
  console.log(`[resend-sink] listening on http://${HOST}:${port}`);
});

function stop(signal) {
  console.log(`[resend-sink] ${signal}, shutting down`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
