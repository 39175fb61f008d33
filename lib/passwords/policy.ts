/** The one password check, shared by the browser and the server (no Node-only imports here). */
import { brokenPasswordRules, type CommonPasswordCheck, type PasswordPolicy } from "./rules";

export { PASSWORD_MAX, PASSWORD_MIN, TOO_COMMON, type CommonPasswordCheck, type PasswordPolicy } from "./rules";

/**
 * SPEC §7's base rules plus the applicable regex. Returns the message to show — every rule the password breaks,
 * or the regex's own message for a shop's pattern — or null when the password is acceptable.
 */
export function passwordProblem(
  password: string,
  email: string,
  policy: PasswordPolicy,
  isCommon?: CommonPasswordCheck,
): string | null {
  const broken = brokenPasswordRules(password, email, policy, isCommon);
  return broken.length > 0 ? broken.join(" ") : null;
}
