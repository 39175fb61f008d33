import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Customer } from "@/db/schema";
import { CUSTOMER_SESSION_SECONDS, openCustomerSession, sessionCustomer, type CustomerContext } from "@/lib/accounts/sessions";
import { authenticateCustomer } from "@/lib/accounts/sign-in";
import { getEnv } from "@/lib/env";
import { authCookies } from "@/lib/http/cookies";
import { describeError } from "@/lib/log";
import { requestClient, requestIsHttps, requestShop } from "./request";

/** A pending account with the right password: the only credential failure that is not generic. */
export class PendingActivation extends CredentialsSignin {
  code = "pending";
}

/** Too many failed attempts for this account or client address: try again later. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

declare module "next-auth" {
  interface User {
    shopId?: string;
    sessionId?: string;
  }
  interface Session {
    customer?: { id: string; shopId: string; sessionId: string };
  }
}

/**
 * The storefront realm: customers of one shop. The JWT only names a customer_sessions row (and its shop); that row
 * decides whether the session is still open (sign-out, sign out everywhere else, password resets, deactivation).
 */
export const { auth, signIn, signOut } = NextAuth(async () => ({
  secret: getEnv().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: CUSTOMER_SESSION_SECONDS },
  cookies: authCookies("shop", await requestIsHttps()),
  pages: { signIn: "/login" },
  logger: {
    error(error: Error) {
      if (!(error instanceof CredentialsSignin)) console.error(`[auth] ${describeError(error)}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const db = await getDb();
        const shop = await requestShop();
        if (!shop) return null;
        const { email, password } = credentials;
        const client = await requestClient();
        const result = await authenticateCustomer(db, shop, { email, password }, client.ip);
        if (!result.ok) {
          if (result.reason === "pending") throw new PendingActivation();
          if (result.reason === "throttled") throw new SignInThrottled(result.retryAfterSeconds);
          return null;
        }
        const { customer } = result;
        return {
          id: customer.id,
          email: customer.email,
          name: `${customer.firstName} ${customer.lastName}`.trim(),
          shopId: customer.shopId,
          sessionId: await openCustomerSession(db, customer, client),
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.shopId = user.shopId;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub && typeof token.shopId === "string" && typeof token.sessionId === "string") {
        session.customer = { id: token.sub, shopId: token.shopId, sessionId: token.sessionId };
      }
      return session;
    },
  },
}));

/** The signed-in customer of this shop and their session, re-checked against the database (once per request). */
export const currentCustomer = cache(async (shopId: string): Promise<CustomerContext | null> => {
  const session = await auth();
  if (!session?.customer || session.customer.shopId !== shopId) return null;
  const context = await sessionCustomer(await getDb(), shopId, session.customer.sessionId);
  return context && context.customer.id === session.customer.id ? context : null;
});

/** The signed-in customer of this shop, re-checked against the database on every request (SPEC §7 sessions). */
export async function signedInCustomer(shopId: string): Promise<Customer | null> {
  return (await currentCustomer(shopId))?.customer ?? null;
}

/** The session this request's cookie names, open or not: the one that sign-out ends. */
export async function cookieSessionId(): Promise<string | null> {
  return (await auth())?.customer?.sessionId ?? null;
}
