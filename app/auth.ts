import "server-only";
import NextAuth from "next-auth";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Customer } from "@/db/schema";
import { CUSTOMER_SESSION_SECONDS, sessionCustomer, type CustomerContext } from "@/lib/accounts/sessions";
import { authenticateCustomer, type SignInResult } from "@/lib/accounts/sign-in";
import { getEnv } from "@/lib/env";
import { authCookies } from "@/lib/http/cookies";
import { describeError } from "@/lib/log";
import { requestClient, requestIsHttps, requestShop } from "./request";
import { hasSessionCookie, setSessionCookie } from "./session-cookie";

declare module "next-auth" {
  interface Session {
    customer?: { id: string; shopId: string; sessionId: string };
  }
}

/**
 * The storefront realm: customers of one shop. The JWT only names a customer_sessions row (and its shop); that row
 * decides whether the session is still open (sign-out, sign out everywhere else, password resets, deactivation).
 * next-auth reads and ends sessions; signing in is `signInCustomer` below.
 */
export const { auth, signOut } = NextAuth(async () => ({
  secret: getEnv().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: CUSTOMER_SESSION_SECONDS },
  cookies: authCookies("shop", await requestIsHttps()),
  pages: { signIn: "/login" },
  logger: {
    error(error: Error) {
      console.error(`[auth] ${describeError(error)}`);
    },
  },
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub && typeof token.shopId === "string" && typeof token.sessionId === "string") {
        session.customer = { id: token.sub, shopId: token.shopId, sessionId: token.sessionId };
      }
      return session;
    },
  },
}));

/**
 * Signs a customer in to this request's shop: the domain checks the credentials and opens the session, then the
 * session cookie names it. Without a shop (an unknown host) every sign-in is refused as invalid.
 */
export async function signInCustomer(credentials: { email: string; password: string }): Promise<SignInResult> {
  const [db, shop, client] = await Promise.all([getDb(), requestShop(), requestClient()]);
  if (!shop) return { ok: false, reason: "invalid" };
  const result = await authenticateCustomer(db, shop, credentials, client);
  if (result.ok) {
    const { customer, sessionId } = result;
    const name = `${customer.firstName} ${customer.lastName}`.trim();
    await setSessionCookie("shop", { sub: customer.id, email: customer.email, name, shopId: customer.shopId, sessionId }, CUSTOMER_SESSION_SECONDS);
  }
  return result;
}

/** The signed-in customer of this shop and their session, re-checked against the database (once per request). */
export const currentCustomer = cache(async (shopId: string): Promise<CustomerContext | null> => {
  if (!(await hasSessionCookie("shop"))) return null;
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
