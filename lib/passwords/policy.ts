/** Password rules shared by the browser and the server (no Node-only imports here). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordPolicy = { regex?: string | null; regexMessage?: string | null };

/** The server adds a check against the list of common passwords, which is too large to send to browsers. */
export type CommonPasswordCheck = (password: string) => boolean;

export const TOO_COMMON = "This password is too common and easy to guess. Choose a less predictable one.";

/** SPEC §7's base rules plus the applicable regex. Returns the message to show, or null when acceptable. */
export function passwordProblem(
  password: string,
  email: string,
  policy: PasswordPolicy,
  isCommon?: CommonPasswordCheck,
): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return "Your password must not be your e-mail address.";
  }
  if (policy.regex && !new RegExp(policy.regex).test(password)) {
    return policy.regexMessage || "This password does not meet the shop's password rules.";
  }
  if (isCommon?.(password)) return TOO_COMMON;
  return null;
}
