import { randomBytes } from "node:crypto";

/** Ten per user, each used once (SPEC §10). */
export const RECOVERY_CODE_COUNT = 10;

/** 32 symbols without 0, 1, I and O: five random bits pick one, so each is equally likely; 10 of them are 50 bits. */
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LENGTH = 10;
const GROUP = 5;

/** Fresh recovery codes as the user is shown them once: "7KQ2M-XH4ZP", all different. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const symbols = [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join("");
    codes.add(`${symbols.slice(0, GROUP)}-${symbols.slice(GROUP)}`);
  }
  return [...codes];
}

/**
 * A recovery code as typed, in the one form that is hashed: upper case, without spaces or hyphens. Null when it
 * cannot be a recovery code (so it is not looked up at all).
 */
export function normalRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return code.length === CODE_LENGTH && [...code].every((symbol) => ALPHABET.includes(symbol)) ? code : null;
}
