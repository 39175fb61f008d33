import { randomFillSync } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { isAcceptablePassword, type PasswordPolicy } from "./policy";

/** OWASP's argon2id baseline (SPEC §7). Changing these makes sign-in rehash old hashes. */
// algorithm 2 is Argon2id (the library exports it as a const enum, which isolated modules cannot read).
const PARAMS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const PARAMS_TAG = `$argon2id$v=19$m=${PARAMS.memoryCost},t=${PARAMS.timeCost},p=${PARAMS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash. With no hash (unknown account, or no password yet) it verifies
 * against a dummy hash so that the answer costs the same time either way.
 */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<{ valid: boolean; needsRehash: boolean }> {
  if (!storedHash) {
    dummyHash ??= hashPassword("dummy password for timing equality");
    await verify(await dummyHash, password).catch(() => false);
    return { valid: false, needsRehash: false };
  }
  const valid = await verify(storedHash, password).catch(() => false);
  return { valid, needsRehash: valid && !storedHash.startsWith(PARAMS_TAG) };
}

// randomInt costs a call into the CSPRNG per character, which made a thousand candidates take ~100 ms; this draws
// 32-bit words in bulk and keeps randomInt's uniformity by rejecting the words above the last whole multiple of n.
const pool = new Uint32Array(512);
let poolIndex = pool.length;

function randomBelow(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    if (poolIndex === pool.length) {
      randomFillSync(pool);
      poolIndex = 0;
    }
    const word = pool[poolIndex++];
    if (word < limit) return word % n;
  }
}

const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "@#$%^&+=";

/**
 * A 16-character password from the CSPRNG with every character class, retried until it satisfies the policy.
 * Look-alike characters are left out because people type these from an e-mail.
 */
export function generatePassword(policy: PasswordPolicy = {}, length = 16): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const chars = [LOWER, UPPER, DIGITS, SYMBOLS].map((set) => set[randomBelow(set.length)]);
    while (chars.length < length) chars.push(all[randomBelow(all.length)]);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomBelow(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const candidate = chars.join("");
    if (isAcceptablePassword(candidate, "", policy)) return candidate;
  }
  throw new Error("No generated password satisfies the password policy in force");
}
