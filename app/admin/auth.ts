import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { authCookies } from "@/lib/http/cookies";
import { describeError } from "@/lib/log";
import { authenticateStaff, type StaffSignInResult } from "@/lib/staff/users";
import { requestClient, requestIsHttps } from "../request";
import { setSessionCookie } from "../session-cookie";

declare module "next-auth" {
  interface Session {
    staff?: { id: string; sessionId: string };
  }
}

/** A back-office session cookie lives this long; the staff_sessions row ends it sooner after inactivity. */
const ADMIN_SESSION_SECONDS = 12 * 3600;

/**
 * The back-office realm (SPEC §4): its own cookies, sent only to /admin; the session JWT is encrypted under its
 * cookie's own name, so a storefront cookie can never be read as one. The JWT only names a staff_sessions row; that row
 * decides whether the session is still open (inactivity, password changes, deactivation). next-auth reads and ends
 * sessions; signing in is `signInStaff` below.
 */
export const { auth: adminAuth, signOut: adminSignOut } = NextAuth(async () => {
  const env = getEnv();
  return {
    secret: env.authSecret,
    trustHost: true,
    basePath: "/admin/api/auth",
    session: { strategy: "jwt", maxAge: ADMIN_SESSION_SECONDS },
    cookies: authCookies("admin", await requestIsHttps()),
    logger: {
      error(error: Error) {
        console.error(`[admin auth] ${describeError(error)}`);
      },
    },
    providers: [],
    callbacks: {
      session({ session, token }) {
        if (token.sub && typeof token.sessionId === "string") session.staff = { id: token.sub, sessionId: token.sessionId };
        return session;
      },
    },
  };
});

/** Signs a business user in: the domain checks the credentials and opens the session, then the cookie names it. */
export async function signInStaff(credentials: { email: string; password: string }): Promise<StaffSignInResult> {
  const [db, client] = await Promise.all([getDb(), requestClient()]);
  const result = await authenticateStaff(db, credentials, client);
  if (result.ok) await setStaffSessionCookie(result.staff, result.sessionId);
  return result;
}

/** Names the session in the back office's cookie: after the password, and again once the second step opened a new one. */
export async function setStaffSessionCookie(staff: { id: string; email: string }, sessionId: string): Promise<void> {
  await setSessionCookie("admin", { sub: staff.id, email: staff.email, sessionId }, ADMIN_SESSION_SECONDS);
}
