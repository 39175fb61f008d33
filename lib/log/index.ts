/**
 * The server's log never holds what people submitted (SPEC §7). Two sources would put it there: drizzle's
 * DrizzleQueryError, whose message is "Failed query: <sql>\nparams: <every parameter>" (typed e-mails, tokens'
 * hashes, names), and database errors, whose `detail` ("Key (email)=(…) already exists") and some messages
 * ('invalid input syntax for type uuid: "…"') quote values. An error is therefore logged as its name, its
 * SQLSTATE code, its message with parameters (and, for database and parse errors, quoted values) left out, its
 * stack frames and its cause; never its other properties.
 */

type Described = Error & { code?: unknown; severity?: unknown; constraint_name?: unknown; constraint?: unknown; query?: unknown; cause?: unknown };

/** Everything from "params:" to the end of the parameter list (a stack's first frame, or the end). */
const PARAMS = /\n?params: [\s\S]*?(?=\n\s+at |$)/g;
/** A quoted fragment of a message: where values appear in database and JSON errors. */
const QUOTED = /"[^"\n]*"|'[^'\n]*'/g;
const MAX_MESSAGE = 500;

/** postgres-js and PGlite errors carry a five-character SQLSTATE and a severity; class names may be minified. */
function isDatabaseError(error: Described): boolean {
  return typeof error.code === "string" && /^[0-9A-Z]{5}$/.test(error.code) && typeof error.severity === "string";
}

function isQueryError(error: Described): boolean {
  return typeof error.query === "string" && String(error.message).startsWith("Failed query:");
}

/** Removes drizzle's parameter lists from any text (messages, stacks, strings that quote them). */
export function withoutParams(text: string): string {
  return text.replace(PARAMS, "\nparams: [not logged]");
}

/** Database errors and parse errors (JSON.parse quotes its input) have the values they quote left out. */
function safeMessage(error: Described): string {
  if (isQueryError(error)) return `Failed query: ${String(error.query).slice(0, MAX_MESSAGE)}`;
  const message = withoutParams(String(error.message ?? ""));
  const quotesInput = isDatabaseError(error) || error.name === "SyntaxError";
  return (quotesInput ? message.replace(QUOTED, '"…"') : message).slice(0, MAX_MESSAGE);
}

function frames(error: Described): string[] {
  return String(error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line));
}

/**
 * One error as it may be logged: `Name [CODE constraint]: message` then its frames, then its cause the same way.
 * Own enumerable properties (`detail`, `input`, `parameters`, …) are never printed.
 */
export function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error) && (typeof error !== "object" || error === null)) return withoutParams(String(error)).replace(QUOTED, '"…"');
  const described = error as Described;
  // Bundling minifies postgres-js's class names ("PostgresError" became "l"): a database error is named as such.
  const name = isQueryError(described) ? "DrizzleQueryError" : isDatabaseError(described) ? "DatabaseError" : String(described.name ?? "Error");
  // postgres-js names the constraint `constraint_name`, PGlite `constraint`.
  const constraint = [described.constraint_name, described.constraint].find((value) => typeof value === "string");
  const code = isDatabaseError(described) ? ` [${described.code}${constraint ? ` ${constraint}` : ""}]` : "";
  const lines = [`${name}${code}: ${safeMessage(described)}`, ...frames(described)];
  if (described.cause !== undefined && depth < 3) lines.push(`Caused by: ${describeError(described.cause, depth + 1)}`);
  return lines.join("\n");
}

type ConsoleMethod = "error" | "warn" | "log" | "info";
const installed = Symbol.for("storefront.redacted-console");

/**
 * Routes every error that anything prints (Next.js's own request error logging, next-auth, our code) through
 * describeError, and strips parameter lists from printed strings. Installed once per process at server start.
 */
export function redactConsole(target: Console = console): void {
  const marked = target as Console & { [installed]?: boolean };
  if (marked[installed]) return;
  marked[installed] = true;
  for (const method of ["error", "warn", "log", "info"] as ConsoleMethod[]) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) =>
      original(...args.map((arg) => (arg instanceof Error ? describeError(arg) : typeof arg === "string" ? withoutParams(arg) : arg)));
  }
}
