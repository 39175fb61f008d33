import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./index";

const secret = "s".repeat(40);

describe("parseEnv", () => {
  it("runs on embedded defaults in development and keeps a generated secret under the data folder", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sfa-env-"));
    const env = parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir });
    expect(env.databaseUrl).toBeUndefined();
    expect(env.mail).toEqual({ transport: "local" });
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe(env.authSecret);
    expect(parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir }).authSecret).toBe(env.authSecret);
  });

  it("names each wrong variable and what to set", () => {
    const problems = () => {
      try {
        parseEnv({ NODE_ENV: "production", DATABASE_URL: "mysql://x", APP_URL: "not a url", TRUST_PROXY: "maybe" });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("expected a ConfigError");
    };
    const message = problems();
    expect(message).toContain("AUTH_SECRET is required in production");
    expect(message).toContain("DATABASE_URL must be a PostgreSQL connection string");
    expect(message).toContain("APP_URL must be a URL");
    expect(message).toContain("TRUST_PROXY must be true or false");
    expect(message).toContain("RESEND_API_KEY is required in production; set MAIL_TRANSPORT=local");
  });

  it("uses Resend when a key is given and refuses a resend transport without one", () => {
    const env = parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, RESEND_API_KEY: "re_x", RESEND_BASE_URL: "http://127.0.0.1:9" });
    expect(env.mail).toEqual({ transport: "resend", apiKey: "re_x", baseUrl: "http://127.0.0.1:9", ratePerSecond: 5 });
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, MAIL_TRANSPORT: "local" }).mail).toEqual({ transport: "local" });
    expect(() => parseEnv({ AUTH_SECRET: secret, MAIL_TRANSPORT: "resend" })).toThrow(/RESEND_API_KEY is required when MAIL_TRANSPORT=resend/);
  });
});

describe("MAIL_RATE_PER_SECOND", () => {
  const withRate = (MAIL_RATE_PER_SECOND?: string) =>
    parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, RESEND_API_KEY: "re_x", MAIL_RATE_PER_SECOND });

  it("is the provider's request limit, 5 unless set", () => {
    expect(withRate(undefined).mail).toMatchObject({ ratePerSecond: 5 });
    expect(withRate("2").mail).toMatchObject({ ratePerSecond: 2 });
    expect(withRate("0.5").mail).toMatchObject({ ratePerSecond: 0.5 });
  });

  it("refuses what is not a sensible rate, naming the variable", () => {
    for (const bad of ["0", "-1", "fast", "1e3", "5000"]) {
      expect(() => withRate(bad)).toThrow(/MAIL_RATE_PER_SECOND must be/);
    }
  });
});

describe("RESEND_WEBHOOK_SECRET", () => {
  const withSecret = (RESEND_WEBHOOK_SECRET?: string) =>
    parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, MAIL_TRANSPORT: "local", RESEND_WEBHOOK_SECRET });

  it("is optional and must look like Resend's signing secret", () => {
    expect(withSecret(undefined).resendWebhookSecret).toBeUndefined();
    expect(withSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").resendWebhookSecret).toBe("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    for (const wrong of ["secret", "whsec_", "whsec_not base64!"]) {
      expect(() => withSecret(wrong), wrong).toThrow("RESEND_WEBHOOK_SECRET must be the webhook's signing secret from Resend");
    }
  });
});

describe("EMAIL_FROM", () => {
  const withFrom = (EMAIL_FROM?: string) => parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, MAIL_TRANSPORT: "local", EMAIL_FROM });

  it("accepts a bare address and the Name <address> form, and keeps their parts", () => {
    expect(withFrom("shop@example.com")).toMatchObject({ emailFrom: "shop@example.com", sender: { name: null, address: "shop@example.com" } });
    expect(withFrom("Shop <shop@example.com>")).toMatchObject({
      emailFrom: "Shop <shop@example.com>",
      sender: { name: "Shop", address: "shop@example.com" },
    });
    expect(withFrom('"Shop, Inc." <shop@example.com>')).toMatchObject({
      emailFrom: '"Shop, Inc." <shop@example.com>',
      sender: { name: "Shop, Inc.", address: "shop@example.com" },
    });
    expect(withFrom("  Storefront   Team <team@example.com>  ").sender).toEqual({ name: "Storefront   Team", address: "team@example.com" });
    expect(withFrom(undefined)).toMatchObject({ emailFrom: "no-reply@example.com", sender: { name: null, address: "no-reply@example.com" } });
  });

  it("refuses anything else with a message that shows both accepted forms", () => {
    for (const garbage of ["shop", "Shop <not an address>", "Shop <shop@example.com", "<>", "a <b@example.com> <c@example.com>", "Shop\n<shop@example.com>", "Sh<op <shop@example.com>"]) {
      expect(() => withFrom(garbage), garbage).toThrow(
        "EMAIL_FROM must be an e-mail address (shop@example.com) or a name and an address (Shop <shop@example.com>)",
      );
    }
  });
});

describe("DATABASE_POOL_MAX, DATABASE_POOLER and DATABASE_DIRECT_URL", () => {
  const base = { NODE_ENV: "production", AUTH_SECRET: secret, MAIL_TRANSPORT: "local", DATABASE_URL: "postgres://app@pooler:6543/shop" };

  it("default to ten connections with prepared statements, migrating through DATABASE_URL", () => {
    expect(parseEnv(base)).toMatchObject({ databasePool: { max: 10, prepare: true }, databaseSetupUrl: base.DATABASE_URL });
  });

  it("turn prepared statements off behind a transaction pooler and migrate through the direct URL", () => {
    const env = parseEnv({ ...base, DATABASE_POOLER: "transaction", DATABASE_POOL_MAX: "1", DATABASE_DIRECT_URL: "postgres://app@db:5432/shop" });
    expect(env).toMatchObject({ databasePool: { max: 1, prepare: false }, databaseSetupUrl: "postgres://app@db:5432/shop" });
    expect(parseEnv({ ...base, DATABASE_POOLER: "session" }).databasePool.prepare).toBe(true);
  });

  it("refuse a transaction pooler without a direct URL, and values that are not a pool, naming the variable", () => {
    expect(() => parseEnv({ ...base, DATABASE_POOLER: "transaction" })).toThrow(/DATABASE_DIRECT_URL is required with DATABASE_POOLER=transaction/);
    expect(() => parseEnv({ ...base, DATABASE_POOLER: "statement" })).toThrow(/DATABASE_POOLER must be transaction/);
    for (const bad of ["0", "101", "ten", "2.5"]) expect(() => parseEnv({ ...base, DATABASE_POOL_MAX: bad }), bad).toThrow(/DATABASE_POOL_MAX must be/);
    expect(() => parseEnv({ ...base, DATABASE_DIRECT_URL: "mysql://x" })).toThrow(/DATABASE_DIRECT_URL must be a PostgreSQL connection string/);
  });
});
