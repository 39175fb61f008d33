import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, normalRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";
import { openSecret, recoveryCodeHash, sealSecret } from "./secret-box";
import { base32Encode } from "./totp";

const AUTH_SECRET = "a".repeat(32);
const OWNER = "7f1d2c3b-0000-4000-8000-000000000001";


describe("sealed second-factor secrets", () => {
  const key = randomBytes(20);

  it("open to what was sealed, with a new IV each time, and never show the secret", () => {
    const first = sealSecret(AUTH_SECRET, OWNER, key);
    const second = sealSecret(AUTH_SECRET, OWNER, key);
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(openSecret(AUTH_SECRET, OWNER, first)).toEqual(key);
    expect(openSecret(AUTH_SECRET, OWNER, second)).toEqual(key);
    for (const form of [base32Encode(key), key.toString("hex"), key.toString("base64"), key.toString("base64url")]) {
      expect(first).not.toContain(form);
    }
    expect(Buffer.from(first.slice(3), "base64url").includes(key)).toBe(false);
  });

  it("refuses a value altered anywhere: IV, ciphertext or tag, or cut short", () => {
    const sealed = sealSecret(AUTH_SECRET, OWNER, key);
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    for (const at of [0, 11, 12, 20, bytes.length - 16, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] ^= 0x01;
      expect(() => openSecret(AUTH_SECRET, OWNER, `v1:${altered.toString("base64url")}`)).toThrow();
    }
    expect(() => openSecret(AUTH_SECRET, OWNER, `v1:${bytes.subarray(0, 28).toString("base64url")}`)).toThrow();
    expect(() => openSecret(AUTH_SECRET, OWNER, `v2:${bytes.toString("base64url")}`)).toThrow();
  });

  it("cannot be read under another AUTH_SECRET or as another user's", () => {
    const sealed = sealSecret(AUTH_SECRET, OWNER, key);
    expect(() => openSecret("b".repeat(32), OWNER, sealed)).toThrow(/cannot be read/);
    expect(() => openSecret(AUTH_SECRET, OWNER.replace(/1$/, "2"), sealed)).toThrow(/cannot be read/);
  });
});

describe("recovery codes", () => {
  it("are ten different codes of ten unambiguous symbols in two groups", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  });

  it("are read as typed (any case, spaces, with or without the hyphen) and refused when they cannot be one", () => {
    expect(normalRecoveryCode(" 7kq2m-xh4zp ")).toBe("7KQ2MXH4ZP");
    expect(normalRecoveryCode("7KQ2M XH4ZP")).toBe("7KQ2MXH4ZP");
    for (const wrong of ["7KQ2M-XH4Z", "7KQ2M-XH4ZPQ", "0KQ2M-XH4ZP", "IKQ2M-XH4ZP", "OKQ2M-XH4ZP", "1KQ2M-XH4ZP", "123456", ""]) {
      expect(normalRecoveryCode(wrong)).toBeNull();
    }
  });

  it("are hashed with a key from AUTH_SECRET: another secret gives another hash", () => {
    const hash = recoveryCodeHash(AUTH_SECRET, "7KQ2MXH4ZP");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(recoveryCodeHash(AUTH_SECRET, "7KQ2MXH4ZP"));
    expect(hash).not.toBe(recoveryCodeHash("b".repeat(32), "7KQ2MXH4ZP"));
  });
});
