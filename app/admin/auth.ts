import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { authCookies } from "@/lib/http/cookies";
import { describeError } from "@/lib/log";
import { authenticateStaff } from "@/lib/staff/users";
import { requestClient, requestIsHttps } from "../request";

export class AdminSignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export class TemporaryPasswordExpired extends CredentialsSignin {
  code = "temporary-expired";
}

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    staff?: { id: string; sessionId: string };
  }
}

/**
 * The back-office realm (SPEC §4): its own cookies, sent only to /admin; the session JWT is encrypted under its
 * cookie's own name, so a storefront cookie can never be read as one. The JWT only names a staff_sessions row; that row
 * decides whether the session is still open (inactivity, password changes, deactivation).
 */
export const {
  auth: adminAuth,
  signIn: adminSignIn,
  signOut: adminSignOut,
} = NextAuth(async () => {
  const env = getEnv();
  return {
    secret: env.authSecret,
    trustHost: true,
    basePath: "/admin/api/auth",
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    cookies: authCookies("admin", await requestIsHttps()),
    logger: {
      error(error: Error) {
        if (!(error instanceof CredentialsSignin)) console.error(`[admin auth] ${describeError(error)}`);
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize({ email, password }) {
          const result = await authenticateStaff(await getDb(), { email, password }, await requestClient());
          if (result.ok) return { id: result.staff.id, email: result.staff.email, sessionId: result.sessionId };
          if (result.reason === "throttled") throw new AdminSignInThrottled(result.retryAfterSeconds);
          if (result.reason === "temporary-expired") throw new TemporaryPasswordExpired();
          return null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sessionId) token.sessionId = user.sessionId;
        return token;
      },
      session({ session, token }) {
        if (token.sub && typeof token.sessionId === "string") session.staff = { id: token.sub, sessionId: token.sessionId };
        return session;
      },
    },
  };
});
