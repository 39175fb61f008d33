import "server-only";
import { cookies } from "next/headers";
import { realmCookie } from "@/lib/http/cookies";
import { requestIsHttps } from "../request";

/**
 * A token from an e-mailed link moves from the URL into a short-lived HttpOnly cookie, and its form lives at a
 * URL without it: such a page can keep a normal referrer policy, which browsers need in order to send the Origin
 * header that protects the form against cross-site submission (a no-referrer page posts with "Origin: null").
 */
export type TokenCookie = "reset-token" | "activation-token";
const paths: Record<TokenCookie, string> = { "reset-token": "/reset-password", "activation-token": "/activate" };

/** The storefront realm's cookie for this token, scoped to the path of its form (`shop.reset-token`, …). */
async function tokenCookie(name: TokenCookie): Promise<ReturnType<typeof realmCookie>> {
  return realmCookie("shop", name, await requestIsHttps(), paths[name]);
}

export async function keepToken(name: TokenCookie, token: string, maxAgeSeconds: number): Promise<void> {
  const cookie = await tokenCookie(name);
  (await cookies()).set(cookie.name, token.slice(0, 200), { ...cookie.options, maxAge: maxAgeSeconds });
}

export async function keptToken(name: TokenCookie): Promise<string> {
  return (await cookies()).get((await tokenCookie(name)).name)?.value ?? "";
}

export async function forgetToken(name: TokenCookie): Promise<void> {
  const cookie = await tokenCookie(name);
  (await cookies()).delete({ name: cookie.name, ...cookie.options });
}

/** The answer of an e-mailed link: on to the page that uses it, never leaking the URL with the token. */
export function leaveTokenUrl(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: location, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}
