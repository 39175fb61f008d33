/** The one password check, shared by the browser and the server (no Node-only imports here). */
import passwords from "../../messages/en/passwords.json" with { type: "json" };
import { brokenPasswordRules, type CommonPasswordCheck, type PasswordPolicy } from "./rules";
import { passwordMessageCode } from "./words";

export { PASSWORD_MAX, PASSWORD_MIN, type CommonPasswordCheck, type PasswordPolicy } from "./rules";

/** What the server says of a password on the list of common ones, in English (tests compare with it). */
export const TOO_COMMON = passwords.failures.tooCommon;

/**
 * SPEC §7's base rules plus the applicable regex: one message per rule the password breaks (the regex's own
 * message for a shop's pattern), none when the password is acceptable. Forms show each next to the field: they are
 * message codes (lib/passwords/words.ts), worded in the reader's language where the field shows them.
 */
export function passwordProblems(password: string, email: string, policy: PasswordPolicy, isCommon?: CommonPasswordCheck): string[] {
  return brokenPasswordRules(password, email, policy, isCommon).map(passwordMessageCode);
}

/** Whether the password meets the policy (every rule; the common-password list only where it is given). */
export function isAcceptablePassword(password: string, email: string, policy: PasswordPolicy, isCommon?: CommonPasswordCheck): boolean {
  return brokenPasswordRules(password, email, policy, isCommon).length === 0;
}
