import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import type { Customer } from "@/db/schema";
import { authenticateCustomer, sessionCustomer } from "@/lib/accounts/sign-in";
import { getEnv } from "@/lib/env";
import { describeError } from "@/lib/log";
import { clientAddress, requestShop } from "./request";

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
    sessionVersion?: number;
  }
  interface Session {
    customer?: { id: string; shopId: string; sessionVersion: number };
  }
}

/** The storefront realm: customers of one shop, JWT sessions that carry the customer's session version. */
export const { auth, signIn, signOut } = NextAuth(() => ({
  secret: getEnv().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 14 * 24 * 3600 },
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
        const result = await authenticateCustomer(db, shop, { email, password }, await clientAddress());
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
          sessionVersion: customer.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.shopId = user.shopId;
        token.sessionVersion = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub && typeof token.shopId === "string" && typeof token.sessionVersion === "number") {
        session.customer = { id: token.sub, shopId: token.shopId, sessionVersion: token.sessionVersion };
      }
      return session;
    },
  },
}));

/** The signed-in customer of this shop, re-checked against the database on every request (SPEC §7 sessions). */
export async function signedInCustomer(shopId: string): Promise<Customer | null> {
  const session = await auth();
  if (!session?.customer || session.customer.shopId !== shopId) return null;
  return sessionCustomer(await getDb(), shopId, {
    customerId: session.customer.id,
    sessionVersion: session.customer.sessionVersion,
  });
}
