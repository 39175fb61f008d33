import "server-only";
import { cookies, headers } from "next/headers";

/**
 * The reset link's token moves from the URL into a short-lived HttpOnly cookie, and the form lives at
 * /reset-password without it: a page whose URL holds no token can keep a normal referrer policy, which browsers
 * need to send the Origin header that protects the form against cross-site submission.
 */
const NAME = "reset-token";
const PATH = "/reset-password";

export async function keepResetToken(token: string, maxAgeSeconds: number): Promise<void> {
  const proto = (await headers()).get("x-forwarded-proto") ?? "http";
  (await cookies()).set(NAME, token.slice(0, 200), {
    httpOnly: true,
    sameSite: "lax",
    secure: proto.split(",")[0].trim() === "https",
    path: PATH,
    maxAge: maxAgeSeconds,
  });
}

export async function resetToken(): Promise<string> {
  return (await cookies()).get(NAME)?.value ?? "";
}

export async function forgetResetToken(): Promise<void> {
  (await cookies()).delete({ name: NAME, path: PATH });
}
