/** What a back-office session still has to do after the password (and any forced password change), SPEC §10. */
export type SecondFactorDue = "verify" | "set-up" | null;

/**
 * A session opened by the password of a user with an authenticator app waits for a code ("verify"). A user without
 * one sets one up first when the preference requires it — and so does a session that was waiting for a code whose
 * factor has since gone (reset by a user manager): a session that was ever asked for a second step never skips it.
 */
export function dueSecondFactor(session: { pending: boolean; hasFactor: boolean; required: boolean }): SecondFactorDue {
  if (session.hasFactor) return session.pending ? "verify" : null;
  return session.pending || session.required ? "set-up" : null;
}
