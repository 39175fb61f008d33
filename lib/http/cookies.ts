/**
 * Cookie names and scopes per realm (SPEC §4: admin sessions are separate from storefront sessions).
 *
 * The back office keeps every cookie under /admin. The storefront lives at `/`, and a browser cannot exclude a
 * sub-path from a `/` cookie, so its cookies do reach /admin: they have their own names there, and a session JWT is
 * encrypted under its cookie's name, so the back office could not read a storefront session even under its name.
 * Served over https, a `/` cookie gets the `__Host-` prefix (Secure, no Domain, Path=/: no sibling host or plain-http
 * page can set or shadow it) and a path-scoped one `__Secure-` (Secure only; `__Host-` requires Path=/).
 */
export type Realm = "shop" | "admin";

export const realmPaths: Record<Realm, string> = { shop: "/", admin: "/admin" };

export type CookieScope = { httpOnly: true; sameSite: "lax"; secure: boolean; path: string };

/** The attributes of a cookie at `path`; Secure exactly when the request came over https. */
export function cookieScope(path: string, https: boolean): CookieScope {
  return { httpOnly: true, sameSite: "lax", secure: https, path };
}

/** `base` with the prefix its scope allows over https: `__Host-` at `/`, `__Secure-` below it, none over http. */
export function cookieName(base: string, path: string, https: boolean): string {
  if (!https) return base;
  return `${path === "/" ? "__Host-" : "__Secure-"}${base}`;
}

/** A realm's cookie of the given role, e.g. `shop.session`, `__Secure-admin.csrf-token`. */
export function realmCookie(realm: Realm, role: string, https: boolean, path = realmPaths[realm]): { name: string; options: CookieScope } {
  return { name: cookieName(`${realm}.${role}`, path, https), options: cookieScope(path, https) };
}

const authRoles = {
  sessionToken: "session",
  callbackUrl: "callback-url",
  csrfToken: "csrf-token",
  pkceCodeVerifier: "pkce",
  state: "state",
  nonce: "nonce",
  webauthnChallenge: "challenge",
} as const;

type AuthCookie = { name: string; options: CookieScope & { maxAge?: number } };

/** next-auth's `cookies` option for a realm: every cookie it may set, named and scoped to that realm. */
export function authCookies(realm: Realm, https: boolean): Record<keyof typeof authRoles, AuthCookie> {
  const entries = Object.entries(authRoles).map(([key, role]) => [key, realmCookie(realm, role, https)]);
  return Object.fromEntries(entries) as Record<keyof typeof authRoles, AuthCookie>;
}

/**
 * Whether the request reached us over https, from `X-Forwarded-Proto` as Next.js sets it from the connection when no
 * proxy did (next-auth reads the same header for its own URLs). A client that claims https over plain http only gets
 * Secure cookies that its own browser refuses.
 */
export function forwardedHttps(forwardedProto: string | null | undefined): boolean {
  return (forwardedProto ?? "").split(",")[0].trim().toLowerCase() === "https";
}
