import "server-only";
import { cookies, headers } from "next/headers";

/**
 * A token from an e-mailed link moves from the URL into a short-lived HttpOnly cookie, and its form lives at a
 * URL without it: such a page can keep a normal referrer policy, which browsers need in order to send the Origin
 * header that protects the form against cross-site submission (a no-referrer page posts with "Origin: null").
 */
export type TokenCookie = "reset-token" | "activation-token";
const paths: Record<TokenCookie, string> = { "reset-token": "/reset-password", "activation-token": "/activate" };

export async function keepToken(name: TokenCookie, token: string, maxAgeSeconds: number): Promise<void> {
  const proto = (await headers()).get("x-forwarded-proto") ?? "http";
  (await cookies()).set(name, token.slice(0, 200), {
    httpOnly: true,
    sameSite: "lax",
    secure: proto.split(",")[0].trim() === "https",
    path: paths[name],
    maxAge: maxAgeSeconds,
  });
}

export async function keptToken(name: TokenCookie): Promise<string> {
  return (await cookies()).get(name)?.value ?? "";
}

export async function forgetToken(name: TokenCookie): Promise<void> {
  (await cookies()).delete({ name, path: paths[name] });
}

/** The answer of an e-mailed link: on to the page that uses it, never leaking the URL with the token. */
export function leaveTokenUrl(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: location, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}
