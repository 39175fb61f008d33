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
    expect(env.mail).toEqual({ transport: "resend", apiKey: "re_x", baseUrl: "http://127.0.0.1:9" });
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, MAIL_TRANSPORT: "local" }).mail).toEqual({ transport: "local" });
    expect(() => parseEnv({ AUTH_SECRET: secret, MAIL_TRANSPORT: "resend" })).toThrow(/RESEND_API_KEY is required when MAIL_TRANSPORT=resend/);
  });
});
