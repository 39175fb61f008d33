import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Authenticator-app codes (RFC 6238 TOTP over RFC 4226 HOTP) as every common app reads them from an otpauth URI:
 * HMAC-SHA1, a 30-second step, six digits.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** RFC 4226 §4 asks for at least 128 bits and recommends 160: the length of an HMAC-SHA1 key. */
export const TOTP_SECRET_BYTES = 20;

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, as authenticator apps take a secret. */
export function base32Encode(bytes: Uint8Array): string {
  let output = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

/** Reads base32 as people copy it: any case, with or without padding and spaces. Null when it is not base32. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of clean) {
    const value = BASE32_ALPHABET.indexOf(character);
    if (value < 0) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

/** RFC 4226 §5.3: HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated to 31 bits. */
export function hotpValue(key: Uint8Array, counter: number): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac("sha1", key).update(message).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  return hmac.readUInt32BE(offset) & 0x7fffffff;
}

export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  return String(hotpValue(key, counter) % 10 ** digits).padStart(digits, "0");
}

/** The RFC 6238 time step a moment falls in (T0 = 0). */
export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totp(key: Uint8Array, now: Date, digits = TOTP_DIGITS): string {
  return hotp(key, timeStep(now), digits);
}

/** Compares two codes in time that does not depend on where they differ. */
export function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isTotpCode(code: string): boolean {
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code);
}

/**
 * The time step, within `drift` steps either side of now, whose code is `code`: the latest if several are. Every
 * candidate is compared (no early exit), so the answer takes the same time whichever step matched.
 */
export function matchingStep(key: Uint8Array, code: string, now: Date, drift = 1): number | null {
  if (!isTotpCode(code)) return null;
  const current = timeStep(now);
  let found: number | null = null;
  for (let step = current - drift; step <= current + drift; step++) {
    if (sameCode(hotp(key, step), code)) found = step;
  }
  return found;
}

/**
 * The Key URI an authenticator app scans (otpauth://totp/Issuer:account?…): the issuer both in the label and as a
 * parameter, as Google's Key URI format recommends, with every parameter spelled out.
 */
export function otpauthUri(input: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const query = [
    `secret=${input.secret}`,
    `issuer=${encodeURIComponent(input.issuer)}`,
    "algorithm=SHA1",
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join("&");
  return `otpauth://totp/${label}?${query}`;
}
