import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * The second factor's secrets at rest (SPEC §10): AES-256-GCM under a key derived from AUTH_SECRET, so that a copy
 * of the database alone yields neither the authenticator secrets nor a way to test recovery codes offline.
 */

const SALT = "storefront-accounts";
const VERSION = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key of its own for each use (HKDF-SHA256 with a fixed label): no two purposes share one. */
function derivedKey(authSecret: string, label: "staff-second-factor-secret" | "staff-recovery-code"): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, SALT, label, 32));
}

/**
 * Encrypts an authenticator secret, bound to its owner (`owner` is the GCM associated data: a value copied to
 * another user's row does not open). "v1:" + base64url(iv | ciphertext | tag), a fresh random IV each time.
 */
export function sealSecret(authSecret: string, owner: string, secret: Uint8Array): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(authSecret, "staff-second-factor-secret"), iv);
  cipher.setAAD(Buffer.from(owner));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The secret `sealSecret` sealed; throws when the value was altered, belongs to another owner or another AUTH_SECRET. */
export function openSecret(authSecret: string, owner: string, sealed: string): Buffer {
  if (!sealed.startsWith(VERSION)) throw new Error("Unrecognised sealed second-factor secret");
  const bytes = Buffer.from(sealed.slice(VERSION.length), "base64url");
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error("Truncated sealed second-factor secret");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(authSecret, "staff-second-factor-secret"), bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(owner));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error("The second-factor secret cannot be read: altered, another user's, or sealed under another AUTH_SECRET");
  }
}

/** A recovery code as stored: HMAC-SHA256 under a key derived from AUTH_SECRET (a pepper), hex. */
export function recoveryCodeHash(authSecret: string, code: string): string {
  return createHmac("sha256", derivedKey(authSecret, "staff-recovery-code")).update(code).digest("hex");
}
