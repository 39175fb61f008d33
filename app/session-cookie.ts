import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { realmCookie, type Realm } from "@/lib/http/cookies";
import { encodeSessionJwt } from "@/lib/sessions/session-jwt";
import { requestIsHttps } from "./request";

/** What a realm's session JWT holds: who signed in, and the session row that decides whether it is still open. */
export type SessionToken = { sub: string; email: string; name?: string; sessionId: string; shopId?: string };

/**
 * Sets the realm's session cookie after a sign-in the domain has already decided, as next-auth's credentials callback
 * would (a JWT encrypted under the cookie's name, expiring with the session), so that `auth()` reads it as its own.
 * next-auth's `signIn()` did the same through a synthetic request to its own callback endpoint, its configuration
 * evaluated anew, a callback-url cookie nobody reads, and a key derivation per sign-in (see encodeSessionJwt).
 */
export async function setSessionCookie(realm: Realm, token: SessionToken, maxAgeSeconds: number): Promise<void> {
  const { name, options } = realmCookie(realm, "session", await requestIsHttps());
  const value = encodeSessionJwt(token, getEnv().authSecret, name, maxAgeSeconds);
  (await cookies()).set(name, value, { ...options, expires: new Date(Date.now() + maxAgeSeconds * 1000) });
}

/**
 * Whether the request carries the realm's session cookie (whole, or in the chunks next-auth splits a large one into).
 * Without one there is no session to read, and asking next-auth to find that out costs a synthetic request.
 */
export async function hasSessionCookie(realm: Realm): Promise<boolean> {
  const { name } = realmCookie(realm, "session", await requestIsHttps());
  return (await cookies()).getAll().some((cookie) => cookie.name === name || cookie.name.startsWith(`${name}.`));
}
