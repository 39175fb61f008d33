// Plain HTTP as a browser without JavaScript speaks it: GET a page, read its form's hidden fields, POST the form as
// multipart/form-data. Node's fetch drops a custom Host header, so requests go to 127.0.0.1 with an explicit one.
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string; ms: number };

export type RequestOptions = { host?: string; headers?: Record<string, string>; agent?: Agent };

/** One request to 127.0.0.1:port, its answer read whole, and the time from sending to the last byte (ms). */
export function send(port: number, method: string, path: string, body: Buffer | null, options: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: options.host ?? `localhost:${port}`, ...options.headers };
    if (body) headers["content-length"] = String(body.length);
    const started = process.hrtime.bigint();
    const outgoing = request({ host: "127.0.0.1", port, method, path, headers, agent: options.agent }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8"), ms });
      });
      incoming.on("error", reject);
    });
    outgoing.setTimeout(60_000, () => outgoing.destroy(new Error(`${method} ${path}: no answer within 60 s`)));
    outgoing.on("error", reject);
    outgoing.end(body ?? undefined);
  });
}

export const get = (port: number, path: string, options: RequestOptions = {}) => send(port, "GET", path, null, options);

const entities: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", nbsp: "\u00a0" };

/** Decodes the character references React writes into attribute values. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return entities[name.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*"([^"]*)"|\s*=\s*'([^']*)')?/g)) {
    found[match[1].toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? "");
  }
  return found;
}

/**
 * The hidden fields of the first form on the page that has an input named `fieldName`: for a server-action form,
 * what React put there for the action to be found without JavaScript ($ACTION_REF_…, $ACTION_…:0, $ACTION_KEY…).
 */
export function hiddenFields(html: string, fieldName: string): Record<string, string> {
  return hiddenFieldsOf(html, (inputs) => inputs.some((input) => input.name === fieldName), `a field "${fieldName}"`);
}

/** The hidden fields of the first form whose markup contains `text`: a form without named fields, by its button's label. */
export function hiddenFieldsOfFormWith(html: string, text: string): Record<string, string> {
  return hiddenFieldsOf(html, (_inputs, form) => form.includes(text), `the text "${text}"`);
}

function hiddenFieldsOf(html: string, wanted: (inputs: Record<string, string>[], form: string) => boolean, what: string): Record<string, string> {
  for (const form of html.matchAll(/<form\b[\s\S]*?<\/form>/gi)) {
    const inputs = [...form[0].matchAll(/<input\b[^>]*>/gi)].map((input) => attributes(input[0].slice("<input".length, -1)));
    if (!wanted(inputs, form[0])) continue;
    return Object.fromEntries(inputs.filter((input) => input.type === "hidden" && input.name).map((input) => [input.name, input.value ?? ""]));
  }
  throw new Error(`No form with ${what} on the page`);
}

/** A multipart/form-data body as browsers send forms. */
export function multipart(fields: Record<string, string>, boundary = `----BenchFormBoundary${randomBytes(8).toString("hex")}`): { body: Buffer; contentType: string } {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${value}\r\n`,
  );
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The cookies an answer sets, as a Cookie header (name=value; …). */
export function cookiesOf(answer: Pick<Answer, "headers">): string {
  const setCookie = answer.headers["set-cookie"] ?? [];
  return (Array.isArray(setCookie) ? setCookie : [setCookie]).map((cookie) => cookie.split(";")[0]).join("; ");
}

/** A distinct private address per number (10.x.y.z): the client a request comes from, as the proxy in front reports it. */
export function clientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export { Agent };
