import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { formatSender, parseSender, senderMessages, type Sender } from "@/lib/mail/sender";

const optional = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const flag = z
  .enum(["", "0", "1", "true", "false", "yes", "no"], { message: "must be true or false" })
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATA_DIR: optional,
    DATABASE_URL: optional.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a PostgreSQL connection string (postgres://user:pass@host:5432/db)")
        .optional(),
    ),
    DATABASE_DIRECT_URL: optional.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a PostgreSQL connection string to the database itself or a session-mode pooler")
        .optional(),
    ),
    DATABASE_POOL_MAX: optional.pipe(
      z
        .string()
        .regex(/^\d+$/, "must be a whole number of connections, such as 10")
        .refine((max) => Number(max) >= 1 && Number(max) <= 100, "must be between 1 and 100")
        .optional(),
    ),
    DATABASE_POOLER: optional.pipe(
      z.enum(["session", "transaction"], { message: "must be transaction (behind a pooler in transaction mode, such as PgBouncer or Supabase's on port 6543) or session" }).optional(),
    ),
    AUTH_SECRET: optional.pipe(z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional()),
    RESEND_API_KEY: optional,
    RESEND_BASE_URL: optional.pipe(z.url({ message: "must be a URL such as https://api.resend.com" }).optional()),
    MAIL_RATE_PER_SECOND: optional.pipe(
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, "must be a number of requests per second, such as 5")
        .refine((rate) => Number(rate) >= 0.1 && Number(rate) <= 1000, "must be between 0.1 and 1000")
        .optional(),
    ),
    MAIL_TRANSPORT: optional.pipe(z.enum(["local", "resend"], { message: "must be local or resend" }).optional()),
    APP_URL: optional.pipe(z.url({ message: "must be a URL such as https://shop.example.com" }).optional()),
    ADMIN_EMAIL: optional.pipe(z.email({ message: "must be an e-mail address" }).optional()),
    EMAIL_FROM: optional.pipe(
      z
        .string()
        .refine((value) => parseSender(value) !== null, senderMessages.invalid)
        .optional(),
    ),
    CRON_SECRET: optional.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    RESEND_WEBHOOK_SECRET: optional.pipe(
      z
        .string()
        .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, "must be the webhook's signing secret from Resend (whsec_ followed by base64)")
        .optional(),
    ),
    TRUST_PROXY: flag,
    ADMIN_IDLE_MINUTES: optional.pipe(
      z
        .string()
        .regex(/^\d+$/, "must be a whole number of minutes")
        .refine((minutes) => Number(minutes) >= 1 && Number(minutes) <= 1440, "must be between 1 and 1440 minutes")
        .optional(),
    ),
  });

/** Rules across variables, checked on the raw values so that they are reported alongside the others. */
function crossProblems(source: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(source[name]?.trim());
  const production = source.NODE_ENV === "production";
  const transport = source.MAIL_TRANSPORT?.trim();
  const problems: string[] = [];
  if (source.DATABASE_POOLER?.trim() === "transaction" && !set("DATABASE_DIRECT_URL")) {
    problems.push(
      "DATABASE_DIRECT_URL is required with DATABASE_POOLER=transaction: migrations on start hold a session lock, which a transaction pooler cannot keep",
    );
  }
  if (production && !set("AUTH_SECRET")) problems.push("AUTH_SECRET is required in production (openssl rand -base64 32)");
  if (transport === "resend" && !set("RESEND_API_KEY")) problems.push("RESEND_API_KEY is required when MAIL_TRANSPORT=resend");
  else if (production && !set("RESEND_API_KEY") && transport !== "local") {
    problems.push(
      "RESEND_API_KEY is required in production; set MAIL_TRANSPORT=local to keep e-mails in a public local mailbox instead",
    );
  }
  return problems;
}

export type Env = {
  production: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Connections per process (DATABASE_POOL_MAX), and whether prepared statements may be used: not behind a pooler in
   * transaction mode (DATABASE_POOLER=transaction), where each statement may run on another server connection.
   */
  databasePool: { max: number; prepare: boolean };
  /** Where migrations run on start (DATABASE_DIRECT_URL, else DATABASE_URL): they hold a session-level lock. */
  databaseSetupUrl: string | undefined;
  authSecret: string;
  /** Resend: `ratePerSecond` is the account's request limit, kept in sum by every instance (MAIL_RATE_PER_SECOND). */
  mail: { transport: "local" } | { transport: "resend"; apiKey: string; baseUrl: string | undefined; ratePerSecond: number };
  appUrl: string;
  adminEmail: string;
  /** The back office's `from` (EMAIL_FROM), well-formed for the provider: `Name <address>` or the bare address. */
  emailFrom: string;
  /** EMAIL_FROM's parts: the demo shops are seeded with its address (their sender name is their own). */
  sender: Sender;
  cronSecret: string | undefined;
  /** Verifies Resend's signed webhooks; unset, /api/webhooks/resend answers 503. */
  resendWebhookSecret: string | undefined;
  trustProxy: boolean;
  /** Back-office sessions end after this much inactivity. */
  adminIdleMinutes: number;
};

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws a ConfigError naming each variable that is wrong and what to set. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`)),
    ...crossProblems(source),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const value = result.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ value.DATA_DIR ?? ".data");
  const transport = value.MAIL_TRANSPORT ?? (value.RESEND_API_KEY ? "resend" : "local");
  const sender = parseSender(value.EMAIL_FROM ?? "no-reply@example.com")!;
  return {
    production: value.NODE_ENV === "production",
    dataDir,
    databaseUrl: value.DATABASE_URL,
    databasePool: { max: Number(value.DATABASE_POOL_MAX ?? 10), prepare: value.DATABASE_POOLER !== "transaction" },
    databaseSetupUrl: value.DATABASE_DIRECT_URL ?? value.DATABASE_URL,
    authSecret: value.AUTH_SECRET ?? developmentSecret(dataDir),
    mail:
      transport === "resend"
        ? {
            transport,
            apiKey: value.RESEND_API_KEY!,
            baseUrl: value.RESEND_BASE_URL,
            ratePerSecond: Number(value.MAIL_RATE_PER_SECOND ?? 5),
          }
        : { transport: "local" },
    appUrl: (value.APP_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
    adminEmail: value.ADMIN_EMAIL ?? "admin@example.com",
    emailFrom: formatSender(sender),
    sender,
    cronSecret: value.CRON_SECRET,
    resendWebhookSecret: value.RESEND_WEBHOOK_SECRET,
    trustProxy: value.TRUST_PROXY,
    adminIdleMinutes: Number(value.ADMIN_IDLE_MINUTES ?? 30),
  };
}

/** Development only: a secret generated once and kept under the data folder, so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

let cached: Env | undefined;

/** The configuration, read and validated once per process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
