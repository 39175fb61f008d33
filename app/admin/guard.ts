import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { StaffRole } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { getEnv } from "@/lib/env";
import {
  backOfficeBranding,
  validateStaffSession,
  type BackOffice,
  type StaffSessionContext,
} from "@/lib/staff/users";
import { clientAddress } from "../request";
import { hasSessionCookie } from "../session-cookie";
import { adminAuth } from "./auth";

/**
 * The back-office session of this request, checked against the database (once per request), whatever step of the
 * sign-in it has reached: it may still wait for a second factor (`secondFactor`).
 */
export const currentSession = cache(async (): Promise<StaffSessionContext | null> => {
  if (!(await hasSessionCookie("admin"))) return null;
  const session = await adminAuth();
  if (!session?.staff) return null;
  const context = await validateStaffSession(await getDb(), session.staff.sessionId, getEnv().adminIdleMinutes);
  return context && context.staff.id === session.staff.id ? context : null;
});

/** Where a session that has not finished signing in must go next: the forced password change, then the second factor. */
export function nextSignInStep(context: StaffSessionContext): "/admin/change-password" | "/admin/second-factor" | null {
  if (context.staff.passwordTemporary) return "/admin/change-password";
  return context.secondFactor ? "/admin/second-factor" : null;
}

/**
 * The top of every back-office page and action (SPEC §7: authorisation on the server, by role). Not signed in:
 * to the sign-in page. Then in the order of SPEC §10: a temporary password to the change-password page, a session
 * waiting for its second factor to the second-factor page, before any data. Without the role: 403, logged.
 */
export async function requireStaff(
  role?: StaffRole | StaffRole[],
  { allowTemporary = false, allowSecondFactor = false } = {},
): Promise<StaffSessionContext> {
  const context = await currentSession();
  if (!context) redirect("/admin/login");
  const step = nextSignInStep(context);
  const allowedStep = step === "/admin/change-password" ? allowTemporary : allowSecondFactor;
  if (step && !allowedStep) redirect(step);
  const allowed = role === undefined ? [] : Array.isArray(role) ? role : [role];
  if (allowed.length > 0 && !allowed.some((candidate) => context.staff.roles.includes(candidate))) {
    await recordActivity(await getDb(), {
      action: "staff.forbidden",
      actorType: "staff",
      actorId: context.staff.id,
      staffId: context.staff.id,
      email: context.staff.email,
      ip: await clientAddress(),
      details: { required: allowed },
    });
    forbidden();
  }
  return context;
}

/** The back office as sender of business users' e-mails, and the request's address for the activity log. */
export async function backOffice(): Promise<BackOffice> {
  return { branding: backOfficeBranding(getEnv().appUrl), ip: await clientAddress() };
}
