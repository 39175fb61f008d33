"use server";

import { getDb } from "@/db/client";
import { endCustomerSession } from "@/lib/accounts/sessions";
import { cookieSessionId, signOut } from "../auth";

/** Ends the session on the server first: a copy of the cookie must not outlive the sign-out (issue 10). */
export async function signOutAction(): Promise<void> {
  const sessionId = await cookieSessionId();
  if (sessionId) await endCustomerSession(await getDb(), sessionId);
  await signOut({ redirectTo: "/" });
}
