#!/usr/bin/env node
// Local stand-in for the parts of the Resend API that `resend.emails.send()` and
// `resend.batch.send()` use. Point the real SDK at it with RESEND_BASE_URL (or the
// `baseUrl` constructor option) and read what was "sent" through /_sink/emails.
// It also behaves like Resend under load and failure, so a client can be measured against it:
// a rate limit, idempotency keys kept 24 h, and seeded fault injection.
//
//   node e2e/resend-sink.mjs [--port N] [--rate N] [--fault-rate P] [--faults 5xx,drop,lost]
//                            [--seed N] [--idempotency-ttl SECONDS] [--quiet]
//   (or SINK_PORT, SINK_RATE, SINK_FAULT_RATE, SINK_FAULTS, SINK_SEED, SINK_IDEMPOTENCY_TTL, SINK_QUIET=1;
//    flags win over the environment. Port default 3199, 0 = any free port. Rate 0 = no limit.)
//
// Resend API (as the SDK calls it):
//   POST /emails          body: one e-mail        -> 200 { id }
//   POST /emails/batch    body: array of e-mails  -> 200 { data: [{ id }] }  (+ errors[] in permissive mode)
//   Errors are JSON { statusCode, name, message }, the body the SDK hands back as `error`.
//   A request passes these steps in order:
//     1. 401 without `Authorization: Bearer …`;
//     2. a failure injected with /_sink/fail (not counted by the rate limit);
//     3. the rate limit: 429 `rate_limit_exceeded` above N admitted requests in the last second;
//     4. a seeded fault, for a fraction of admitted requests: `5xx` (500/503, nothing stored),
//        `drop` (socket destroyed at once, nothing stored) or `lost` (stored and key recorded,
//        then the socket is destroyed instead of answering);
//     5. the idempotency key: 409 `concurrent_idempotent_requests` while a request with the same key
//        is in progress, 409 `invalid_idempotent_request` for another payload (key order does not
//        matter), else the first successful answer again, nothing stored, for 24 h (configurable);
//     6. validation (422) and storing.
//   Fault draws come from a PRNG seeded with --seed (default 1): the same requests fail for the same seed.
//   Statistics count a stored e-mail as a duplicate when its identity was stored before: the value of its
//   `outbox` tag (the app's outbox row id), else its idempotency key and index in the batch.
// Test side:
//   GET    /_sink/emails[?to=addr][&tag=value][&summary=1][&limit=N][&offset=N]
//                                               -> { emails: [...], total } oldest first; summary omits
//                                                  html, text and attachments (for 10,000 e-mails)
//   DELETE /_sink/emails                        -> clears e-mails, idempotency keys, injected failures,
//                                                  statistics, and the configuration back to the command line's
//   POST   /_sink/fail { status, times?, retryAfter?, name?, message? }
//   GET    /_sink/config                        -> { ratePerSecond, faultRate, faultKinds, seed, idempotencyTtlSeconds }
//   POST   /_sink/config { any of those }       -> the new configuration (422 on a bad value); restarts the
//                                                  fault sequence from the seed
//   GET    /_sink/stats                         -> counters, see newStats()
//   GET    /_sink/health                        -> 200 "ok"
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";

const HOST = "127.0.0.1";
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const SEND_PATHS = ["/emails", "/emails/batch"];
const RATE_WINDOW_MS = 1000;
const FAULT_KINDS = ["5xx", "drop", "lost"];
/** Resend keeps an idempotency key and its answer for 24 hours. */
const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** The tag whose value names the e-mail's logical identity (the app's outbox row id), for counting duplicates. */
const IDENTITY_TAG = "outbox";

// ---------------------------------------------------------------- errors

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

// ---------------------------------------------------------------- configuration

/**
 * @typedef {{ ratePerSecond: number | null, faultRate: number, faultKinds: string[], seed: number,
 *   idempotencyTtlSeconds: number }} Config
 */

/** @type {Config} */
const BUILT_IN_CONFIG = {
  ratePerSecond: null,
  faultRate: 0,
  faultKinds: [...FAULT_KINDS],
  seed: 1,
  idempotencyTtlSeconds: DEFAULT_IDEMPOTENCY_TTL_SECONDS,
};

/** Applies `changes` (any subset of Config's fields) to `base`; throws a 422 ApiError on an unknown field or bad value. */
function applyConfig(base, changes) {
  if (typeof changes !== "object" || changes === null || Array.isArray(changes)) {
    throw invalid("The configuration must be a JSON object.");
  }
  const next = { ...base, faultKinds: [...base.faultKinds] };
  for (const [field, value] of Object.entries(changes)) {
    switch (field) {
      case "ratePerSecond":
        // null or 0 turns the limit off.
        if (value !== null && !(Number.isInteger(value) && value >= 0)) {
          throw invalid("`ratePerSecond` must be a whole number of requests per second (0 or null: no limit).");
        }
        next.ratePerSecond = value || null;
        break;
      case "faultRate":
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
          throw invalid("`faultRate` must be a number from 0 to 1.");
        }
        next.faultRate = value;
        break;
      case "faultKinds":
        if (!Array.isArray(value) || value.length === 0 || !value.every((kind) => FAULT_KINDS.includes(kind))) {
          throw invalid(`\`faultKinds\` must be a non-empty list of ${FAULT_KINDS.map((k) => `"${k}"`).join(", ")}.`);
        }
        next.faultKinds = [...new Set(value)];
        break;
      case "seed":
        if (!Number.isSafeInteger(value) || value < 0) throw invalid("`seed` must be a non-negative whole number.");
        next.seed = value;
        break;
      case "idempotencyTtlSeconds":
        if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
          throw invalid("`idempotencyTtlSeconds` must be a positive number of seconds.");
        }
        next.idempotencyTtlSeconds = value;
        break;
      default:
        throw invalid(`Unknown configuration field \`${field}\`.`);
    }
  }
  return next;
}

/** Reads `--name value`, `--name=value`, or the environment variable. */
function cliOption(name, envName) {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i === -1) return process.env[envName] || undefined;
  return args[i].includes("=") ? args[i].slice(args[i].indexOf("=") + 1) : args[i + 1];
}

function cliNumber(name, envName) {
  const raw = cliOption(name, envName);
  return raw === undefined ? undefined : raw.trim() === "" ? NaN : Number(raw);
}

function fail(message) {
  console.error(`[resend-sink] ${message}`);
  process.exit(2);
}

function portFromCli() {
  const port = cliNumber("port", "SINK_PORT") ?? 3199;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port: ${cliOption("port", "SINK_PORT")}`);
  return port;
}

/** @returns {Config} the configuration DELETE /_sink/emails goes back to */
function configFromCli() {
  const changes = {
    ratePerSecond: cliNumber("rate", "SINK_RATE"),
    faultRate: cliNumber("fault-rate", "SINK_FAULT_RATE"),
    faultKinds: cliOption("faults", "SINK_FAULTS")?.split(",").map((kind) => kind.trim()),
    seed: cliNumber("seed", "SINK_SEED"),
    idempotencyTtlSeconds: cliNumber("idempotency-ttl", "SINK_IDEMPOTENCY_TTL"),
  };
  const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  try {
    return applyConfig(BUILT_IN_CONFIG, given);
  } catch (error) {
    if (error instanceof ApiError) fail(error.message);
    throw error;
  }
}

const PORT = portFromCli();
const CLI_CONFIG = configFromCli();
const QUIET = process.argv.includes("--quiet") || ["1", "true"].includes(process.env.SINK_QUIET ?? "");

// ---------------------------------------------------------------- state

/** A deterministic stream of numbers in [0, 1) for a seed: SHA-256 of "seed:counter", first 32 bits. */
function seededRandom(seed) {
  let counter = 0;
  return () => createHash("sha256").update(`${seed}:${counter++}`).digest().readUInt32BE(0) / 2 ** 32;
}

function newStats() {
  return {
    /** POST /emails and /emails/batch, whatever became of them. */
    requests: { total: 0, byEndpoint: Object.fromEntries(SEND_PATHS.map((path) => [path, 0])) },
    /** Answers the client received, by HTTP status (dropped and lost requests received none). */
    answered: /** @type {Record<string, number>} */ ({}),
    answered2xx: 0,
    /** 429 answers: the rate limit's and injected ones. */
    rateLimited: 0,
    /** Answers forced by /_sink/fail. */
    injectedFailures: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])),
    /** Requests answered from a recorded idempotency key (nothing stored). */
    replays: 0,
    emailsStored: 0,
    /** Stored e-mails whose identity (outbox tag, else idempotency key + index) had been stored before. */
    duplicates: 0,
    distinctIdentities: 0,
    firstStoredAt: /** @type {string | null} */ (null),
    lastStoredAt: /** @type {string | null} */ (null),
    /** Most requests admitted within any 1-second window (counted whether or not a limit is set). */
    maxAdmittedPerSecond: 0,
  };
}

/** @type {Config} */
let config = CLI_CONFIG;
let random = seededRandom(config.seed);
/** @type {Array<Record<string, unknown>>} */
let emails = [];
/** @type {Map<string, { fingerprint: string, status: number, body: unknown, recordedAt: number }>} */
let idempotency = new Map();
/** Idempotency keys of requests being processed right now. */
let inProgress = new Set();
/** @type {{ status: number, times: number, retryAfter?: number, name?: string, message?: string } | null} */
let failure = null;
/** performance.now() of each request admitted within the last RATE_WINDOW_MS, oldest first. */
let admittedAt = [];
let stats = newStats();
/** Logical identities of the stored e-mails. */
let identities = new Set();

function reset() {
  config = CLI_CONFIG;
  random = seededRandom(config.seed);
  emails = [];
  idempotency = new Map();
  inProgress = new Set();
  failure = null;
  admittedAt = [];
  stats = newStats();
  identities = new Set();
}

// ---------------------------------------------------------------- rate limit, faults, idempotency

/**
 * Resend-like rate limit over a sliding window: a request is admitted when fewer than N requests were
 * admitted in the last second. Refused requests (429) do not count. Returns the ratelimit-* headers.
 */
function admitOrRefuse() {
  const now = performance.now();
  while (admittedAt.length > 0 && admittedAt[0] <= now - RATE_WINDOW_MS) admittedAt.shift();
  const limit = config.ratePerSecond;
  // Whole seconds until the oldest admitted request leaves the window, at least 1.
  const resetSeconds = () => Math.max(1, Math.ceil((admittedAt[0] + RATE_WINDOW_MS - now) / 1000));
  if (limit !== null && admittedAt.length >= limit) {
    const seconds = String(resetSeconds());
    const error = new ApiError(
      429,
      "rate_limit_exceeded",
      `Too many requests. You can only make ${limit} requests per second. See the rate limit response headers.`,
    );
    error.headers = {
      "retry-after": seconds,
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": "0",
      "ratelimit-reset": seconds,
    };
    throw error;
  }
  admittedAt.push(now);
  stats.maxAdmittedPerSecond = Math.max(stats.maxAdmittedPerSecond, admittedAt.length);
  if (limit === null) return {};
  return {
    "ratelimit-limit": String(limit),
    "ratelimit-remaining": String(limit - admittedAt.length),
    "ratelimit-reset": String(resetSeconds()),
  };
}

/** Whether this admitted request fails, and how: a fraction faultRate, kinds drawn uniformly. */
function drawFault() {
  if (config.faultRate === 0 || random() >= config.faultRate) return null;
  return config.faultKinds[Math.floor(random() * config.faultKinds.length)];
}

/** The recorded answer for a key, unless it is older than the TTL (then the key is forgotten). */
function recordedAnswer(key) {
  const entry = idempotency.get(key);
  if (entry && performance.now() - entry.recordedAt >= config.idempotencyTtlSeconds * 1000) {
    idempotency.delete(key);
    return undefined;
  }
  return entry;
}

// ---------------------------------------------------------------- helpers

function send(res, status, body, headers = {}) {
  const isText = typeof body === "string";
  res.writeHead(status, {
    "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    ...headers,
  });
  res.end(isText ? body : JSON.stringify(body));
}

function sendError(res, error, headers) {
  send(res, error.statusCode, errorBody(error), headers);
}

function errorBody(error) {
  return { statusCode: error.statusCode, name: error.name, message: error.message };
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

/** The same payload gives the same text whatever its key order or spacing (the idempotency fingerprint). */
function canonicalJson(text) {
  const sorted = (value) => {
    if (Array.isArray(value)) return value.map(sorted);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]));
  };
  try {
    return JSON.stringify(sorted(JSON.parse(text)));
  } catch {
    return text;
  }
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

/**
 * Stores one e-mail and counts it. Its identity is the `outbox` tag's value when present, else the
 * idempotency key and its index in the request, else nothing (an e-mail without either is never a duplicate).
 */
function store(fields, meta, index) {
  const now = new Date().toISOString();
  const email = { ...fields, ...meta, id: randomUUID(), receivedAt: now };
  emails.push(email);

  const outbox = Array.isArray(fields.tags) ? fields.tags.find((tag) => tag.name === IDENTITY_TAG) : undefined;
  const identity = outbox ? `outbox:${outbox.value}` : meta.idempotencyKey ? `key:${meta.idempotencyKey}#${index}` : `id:${email.id}`;
  if (identities.has(identity)) stats.duplicates++;
  else identities.add(identity);
  stats.distinctIdentities = identities.size;
  stats.emailsStored++;
  stats.firstStoredAt ??= now;
  stats.lastStoredAt = now;

  if (!QUIET) {
    console.log(`[resend-sink] stored ${email.id} to=${fields.to.join(",")} subject=${JSON.stringify(fields.subject ?? "")}`);
  }
  return email.id;
}

// ---------------------------------------------------------------- Resend endpoints

async function handleSend(req, res, path) {
  stats.requests.total++;
  stats.requests.byEndpoint[path]++;
  let rateHeaders = {};
  let fault = null;
  let answer;
  try {
    requireApiKey(req);
    throwInjectedFailure();
    rateHeaders = admitOrRefuse();
    fault = drawFault();
    if (fault) stats.faults[fault]++;
    if (fault === "drop") return req.socket.destroy();
    if (fault === "5xx") throw serverFault();
    answer = await processSend(req, path);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    answer = { status: error.statusCode, body: errorBody(error), headers: error.headers };
  }
  // "Accepted but the response was lost": everything is done, the client never hears of it.
  if (fault === "lost") return req.socket.destroy();

  stats.answered[answer.status] = (stats.answered[answer.status] ?? 0) + 1;
  if (answer.status >= 200 && answer.status < 300) stats.answered2xx++;
  if (answer.status === 429) stats.rateLimited++;
  const headers = { ...rateHeaders, ...answer.headers };
  if (answer.status === 413) headers.connection = "close";
  send(res, answer.status, answer.body, headers);
}

function requireApiKey(req) {
  if (!/^Bearer\s+\S+/.test(req.headers.authorization ?? "")) {
    throw new ApiError(401, "missing_api_key", "Missing API key in the authorization header. Include the following header Authorization: Bearer YOUR_API_KEY in the request.");
  }
}

function throwInjectedFailure() {
  if (!failure) return;
  const { status, retryAfter } = failure;
  const [defaultName, defaultMessage] = defaultError(status);
  const error = new ApiError(status, failure.name ?? defaultName, failure.message ?? defaultMessage);
  if (status === 429 && retryAfter !== undefined) error.headers = { "retry-after": String(retryAfter) };
  if (--failure.times <= 0) failure = null;
  stats.injectedFailures++;
  throw error;
}

/** A 5xx fault answers 500 and 503 in turn. */
function serverFault() {
  const status = stats.faults["5xx"] % 2 === 1 ? 500 : 503;
  const [name, message] = defaultError(status);
  return new ApiError(status, name, message);
}

/** Idempotency, validation and storing; returns the answer. */
async function processSend(req, path) {
  const key = req.headers["idempotency-key"];
  if (key !== undefined && (typeof key !== "string" || key.length < 1 || key.length > 256)) {
    throw new ApiError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
  }
  if (key !== undefined && inProgress.has(key)) {
    throw new ApiError(409, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress.");
  }
  if (key !== undefined) inProgress.add(key);
  try {
    const text = await readBody(req);
    const fingerprint = createHash("sha256").update(`${path}\n${canonicalJson(text)}`).digest("hex");
    const previous = key === undefined ? undefined : recordedAnswer(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        throw new ApiError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
      }
      stats.replays++;
      return { status: previous.status, body: previous.body };
    }

    const body = parseJson(text);
    const meta = { idempotencyKey: key ?? null, endpoint: path };
    const result =
      path === "/emails"
        ? { id: store(validateEmail(body, { inBatch: false }), meta, 0) }
        : sendBatch(body, meta, req.headers["x-batch-validation"] === "permissive");
    // Only successes are recorded, so a request refused for its content can be corrected and sent again.
    if (key !== undefined) idempotency.set(key, { fingerprint, status: 200, body: result, recordedAt: performance.now() });
    return { status: 200, body: result };
  } finally {
    if (key !== undefined) inProgress.delete(key);
  }
}

function sendBatch(body, meta, permissive) {
  if (!Array.isArray(body)) throw invalid("The batch body must be an array of e-mails.");
  if (body.length === 0) throw invalid("The batch must contain at least one e-mail.");
  if (body.length > MAX_BATCH) throw invalid(`The batch must contain at most ${MAX_BATCH} e-mails.`);

  const valid = [];
  const errors = [];
  body.forEach((payload, index) => {
    try {
      valid.push({ index, fields: validateEmail(payload, { inBatch: true }) });
    } catch (error) {
      if (!(error instanceof ApiError) || !permissive) {
        if (error instanceof ApiError) error.message = `emails[${index}]: ${error.message}`;
        throw error;
      }
      errors.push({ index, message: error.message });
    }
  });
  const data = valid.map(({ index, fields }) => ({ id: store(fields, meta, index) }));
  return permissive ? { data, errors } : { data };
}

// ---------------------------------------------------------------- test-side endpoints

/** Fields a summary listing leaves out: the bulk of a stored e-mail. */
const SUMMARY_OMITS = new Set(["html", "text", "attachments"]);

function listEmails(url) {
  const to = url.searchParams.get("to")?.trim().toLowerCase();
  const tag = url.searchParams.get("tag");
  const summary = ["1", "true"].includes(url.searchParams.get("summary") ?? "");
  const offset = countParam(url, "offset", 0);
  const limit = countParam(url, "limit", Infinity);
  const matches = emails.filter((email) => {
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
  const page = matches.slice(offset, offset + limit);
  const summarise = (email) => Object.fromEntries(Object.entries(email).filter(([field]) => !SUMMARY_OMITS.has(field)));
  return { emails: summary ? page.map(summarise) : page, total: matches.length };
}

function countParam(url, name, fallback) {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw invalid(`\`${name}\` must be a non-negative whole number.`);
  return Number(raw);
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

async function handleConfig(req, res) {
  config = applyConfig(config, parseJson(await readBody(req)));
  random = seededRandom(config.seed);
  send(res, 200, config);
}

// ---------------------------------------------------------------- routing

const routes = {
  "/emails": { POST: (req, res) => handleSend(req, res, "/emails") },
  "/emails/batch": { POST: (req, res) => handleSend(req, res, "/emails/batch") },
  "/_sink/emails": {
    GET: (req, res, url) => send(res, 200, listEmails(url)),
    DELETE: (req, res) => {
      reset();
      send(res, 200, { ok: true });
    },
  },
  "/_sink/fail": { POST: handleFail },
  "/_sink/config": { GET: (req, res) => send(res, 200, config), POST: handleConfig },
  "/_sink/stats": { GET: (req, res) => send(res, 200, stats) },
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
    if (res.headersSent || res.destroyed) return res.end();
    if (error instanceof ApiError) {
      if (error.statusCode === 413) res.setHeader("connection", "close");
      return sendError(res, error, error.headers);
    }
    console.error("[resend-sink] unexpected error:", error);
    sendError(res, new ApiError(500, "internal_server_error", "An unexpected error occurred."));
  }
});

// ---------------------------------------------------------------- start / stop

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  console.log(`[resend-sink] listening on http://${HOST}:${port}`);
  console.log(`[resend-sink] config ${JSON.stringify(config)}${QUIET ? " (quiet)" : ""}`);
});

function stop(signal) {
  console.log(`[resend-sink] ${signal}, shutting down`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
