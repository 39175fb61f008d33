/**
 * Requests that no page of the application can answer, refused before any of it runs with a 4xx page that says
 * what went wrong (SPEC §7: bad input never answers 500). Pure checks, shared by proxy.ts and the Node.js server
 * guard (lib/http/server-guard.ts), which sees the methods that the proxy cannot.
 */

/** Bodies other than forms (a server action's arguments as text, JSON): larger ones are refused with a clear page. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Forms (url-encoded or multipart) get more room: a form posted without JavaScript with a field far too long (a
 * paste gone wrong) reaches its action, which keeps what was typed and names the field (the schemas' max lengths).
 * Beyond this hard cap a form is refused too. next.config.ts lets server actions read bodies of this size.
 */
export const MAX_FORM_BODY_BYTES = 1024 * 1024;

/** The largest body a POST of this Content-Type may have. */
export function maxBodyBytes(contentType: string): number {
  return /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i.test(contentType) ? MAX_FORM_BODY_BYTES : MAX_BODY_BYTES;
}

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"] as const;

export function methodAllowed(method: string): boolean {
  return (ALLOWED_METHODS as readonly string[]).includes(method.toUpperCase());
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^\[[0-9a-f:.]{2,45}\]$/i;

/**
 * A Host (or X-Forwarded-Host) value a browser could have sent: a DNS name of letters, digits and dashes without a
 * trailing dot, an IPv4 address or a bracketed IPv6 one, and an optional port from 1 to 65535.
 */
export function validHost(value: string): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(value);
  if (!match || value.length > 260) return false;
  const [, name, port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  if (IPV6.test(name) || IPV4.test(name)) return true;
  return name.length <= 253 && name.split(".").every((label) => LABEL.test(label));
}

/**
 * A URL that can name something: its path's %-escapes decode (`/activate/%E0%A4%A` does not), and neither the path
 * nor the query holds a NUL, which no text column can store (a search for `a%00b` failed inside PostgreSQL).
 */
export function readableUrl(pathname: string, search = ""): boolean {
  if (/%00/.test(pathname + search)) return false;
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A body's bytes, read only up to the limit: null as soon as it is larger (with or without a Content-Length). */
export async function readBounded(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const MULTIPART = /^multipart\/form-data;\s*boundary=/i;

type Part = string | Blob | null;

/** React's encodings of values that take no part of their own: undefined, ±Infinity, -0, NaN, a date, a bigint. */
const PLAIN_VALUE = /^\$(?:undefined|Infinity|-Infinity|-0|NaN|D[\s\S]*|n-?\d{1,300})$/;
/** A model in another text part ("$5", "$@5" a promise, "$Q5" a Map, "$W5" a Set, "$i5" an iterator); "$5:a:b" a path in it. */
const MODEL_REFERENCE = /^\$([@QWi]?)([0-9a-f]{1,8})((?::[^:]+)*)$/;
/** A file part ("$B5"), or the bytes of a typed array or DataView. */
const BLOB_REFERENCE = /^\$[BAOoUSsLlGgMmV]([0-9a-f]{1,8})$/;
/** A form's fields ("$K1"): the parts named "1_…", none when the form is empty. */
const FORM_REFERENCE = /^\$K[0-9a-f]{1,8}$/;
const UNSAFE_PATH = /:(?:__proto__|constructor|prototype)(?=:|$)/;

/**
 * Whether a server action's arguments are what React's `encodeReply` sends, so that Next.js's `decodeReply` can read
 * them: part "0" holds a JSON array; its strings that start with "$" stand for other values ("$$…" is a literal "$").
 * A reference to a part must find that part (a text part holding JSON that passes the same check, or a file), else
 * decoding fails or hands the action a promise that never resolves: `["$@5"]` sent alone. References that no form
 * of ours sends are refused as well: server functions ("$h"), streams ("$R", "$r", "$X", "$x"), values that stay on
 * the client ("$T", which the server cannot touch), and any tag React does not know.
 */
export function replyResolves(part: (key: string) => Part): boolean {
  const root = readJson(part("0"));
  if (!Array.isArray(root)) return false;
  const seen = new Set(["0"]);
  // Iteratively: a 64 KB body can nest arrays deeper than the stack.
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (value !== null && typeof value === "object") pending.push(...Object.values(value));
    else if (typeof value === "string" && value.startsWith("$") && !value.startsWith("$$")) {
      const target = referencedPart(value);
      if (target === false) return false;
      if (target === null || seen.has(target.key)) continue;
      seen.add(target.key);
      const found = part(target.key);
      if (target.blob) {
        if (!(found instanceof Blob)) return false;
        continue;
      }
      const model = readJson(found);
      if (model === undefined) return false;
      pending.push(model);
    }
  }
  return true;
}

/** The part a "$…" string refers to (its key, and whether it must be a file), null for none, false if refused. */
function referencedPart(value: string): { key: string; blob: boolean } | null | false {
  if (PLAIN_VALUE.test(value) || FORM_REFERENCE.test(value)) return null;
  const model = MODEL_REFERENCE.exec(value);
  if (model) {
    const [, tag, id, path] = model;
    if ((tag !== "" && path !== "") || UNSAFE_PATH.test(path)) return false;
    return { key: String(parseInt(id, 16)), blob: false };
  }
  const blob = BLOB_REFERENCE.exec(value);
  return blob ? { key: String(parseInt(blob[1], 16)), blob: true } : false;
}

/** A text part's JSON; undefined when it is missing, a file, or not JSON. */
function readJson(part: Part): unknown {
  if (typeof part !== "string") return undefined;
  try {
    return JSON.parse(part) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Whether a POST body can be read as what it claims to be. Multipart data must parse. A server action called from
 * the page (a `Next-Action` header) carries React's encoding of its arguments, an array: as text (`[]` for an
 * action without arguments), or as multipart whose field "0" holds it (when a form is among them), and whatever it
 * refers to must be in the body (replyResolves). Anything else would fail inside Next.js before the action runs.
 */
export async function readableBody(bytes: Uint8Array, contentType: string, action: boolean): Promise<boolean> {
  if (!MULTIPART.test(contentType)) {
    if (/^multipart\//i.test(contentType)) return false;
    if (!action) return true;
    const text = new TextDecoder().decode(bytes);
    return replyResolves((key) => (key === "0" ? text : null));
  }
  try {
    const form = await new Response(bytes as BodyInit, { headers: { "content-type": contentType } }).formData();
    return !action || replyResolves((key) => form.get(key));
  } catch {
    return false;
  }
}

export type Refusal = { status: 400 | 405 | 413; reason: string; title: string; message: string };

export const refusals = {
  method: {
    status: 405,
    reason: "method not allowed",
    title: "This request is not supported",
    message: "This address answers only ordinary page requests and form submissions.",
  },
  host: {
    status: 400,
    reason: "malformed Host header",
    title: "This address is not valid",
    message: "The host name of this request cannot be read. Check the address and try again.",
  },
  path: {
    status: 400,
    reason: "unreadable URL",
    title: "This link is not valid",
    message:
      "The address has characters that cannot be read. If you copied it from an e-mail, copy the whole link again, or ask for a new e-mail.",
  },
  tooLarge: {
    status: 413,
    reason: "body too large",
    title: "What you sent is too large",
    message: "Nothing was saved. Please go back, shorten what you typed, and try again.",
  },
  notAForm: {
    status: 400,
    reason: "unreadable form body",
    title: "This form could not be read",
    message: "Nothing was saved. Please go back, reload the page, and submit the form again.",
  },
} as const satisfies Record<string, Refusal>;

/** The page of a refusal: plain HTML, no script, nothing of what was sent. */
export function refusalPage(refusal: Refusal): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${refusal.title}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.5rem">
<h1>${refusal.title}</h1>
<p>${refusal.message}</p>
<p><a href="/">Go to the home page</a></p>
</body></html>`;
}

export const refusalHeaders = (refusal: Refusal): Record<string, string> => ({
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  ...(refusal.status === 405 ? { allow: ALLOWED_METHODS.join(", ") } : {}),
});

/** The one log line of a refusal: the reason and the method, never the path, host or body that was sent. */
export function refusalLogLine(refusal: Refusal, method: string): string {
  return `Refused a request (${refusal.status} ${refusal.reason}, method ${methodAllowed(method) ? method.toUpperCase() : "other"})`;
}
