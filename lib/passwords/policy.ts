/** The one password check, shared by the browser and the server (no Node-only imports here). */
import { brokenPasswordRules, type CommonPasswordCheck, type PasswordPolicy } from "./rules";

export { PASSWORD_MAX, PASSWORD_MIN, TOO_COMMON, type CommonPasswordCheck, type PasswordPolicy } from "./rules";
/**
 * SPEC §7's base rules plus the applicable regex: one message per rule the password breaks (the regex's own
 * message for a shop's pattern), none when the password is acceptable. Forms show each next to the field.
 */
export { brokenPasswordRules as passwordProblems } from "./rules";

/** The same check as one message, or null when the password is acceptable. */
export function passwordProblem(
  password: string,
  email: string,
  policy: PasswordPolicy,
  isCommon?: CommonPasswordCheck,
): string | null {
  const problems = brokenPasswordRules(password, email, policy, isCommon);
  return problems.length > 0 ? problems.join(" ") : null;
}
