import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID } from "node:crypto";

/**
 * The session JWT exactly as next-auth writes and reads it (Auth.js's `encode`: a JWE with "dir" key management and
 * A256CBC-HS512, RFC 7516/7518, whose key is HKDF-SHA-256 of the secret with the cookie's name as salt), but with the
 * derived key and its thumbprint computed once per secret and cookie name rather than on every sign-in: next-auth
 * derives them anew each time, asynchronously on the thread pool that the password hashes keep busy.
 */
type SessionKey = { macKey: Buffer; encryptionKey: Buffer; protectedHeader: string };

const keys = new Map<string, SessionKey>();

function sessionKey(secret: string, salt: string): SessionKey {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    const derived = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638 thumbprint of the symmetric JWK, as the `kid` next-auth's decode matches against.
    const kid = createHash("sha512").update(JSON.stringify({ k: derived.toString("base64url"), kty: "oct" })).digest("base64url");
    const header = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256CBC-HS512", kid })).toString("base64url");
    key = { macKey: derived.subarray(0, 32), encryptionKey: derived.subarray(32), protectedHeader: header };
    keys.set(id, key);
  }
  return key;
}

/** Encrypts `claims` with issued-at, expiry and a unique id, for `salt` (the cookie's name). */
export function encodeSessionJwt(claims: Record<string, unknown>, secret: string, salt: string, maxAgeSeconds: number, now = Date.now()): string {
  const { macKey, encryptionKey, protectedHeader } = sessionKey(secret, salt);
  const issuedAt = Math.floor(now / 1000);
  const payload = JSON.stringify({ ...claims, iat: issuedAt, exp: issuedAt + maxAgeSeconds, jti: randomUUID() });
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(payload, "utf8"), cipher.final()]);
  const aad = Buffer.from(protectedHeader, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
  const tag = createHmac("sha512", macKey).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
  return [protectedHeader, "", iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}
