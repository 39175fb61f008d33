import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { StaffRole } from "@/db/schema";
import { recordActivity } from "@/lib/activity";
import { getEnv } from "@/lib/env";
import { backOfficeBranding, validateStaffSession, type BackOffice, type StaffContext } from "@/lib/staff/users";
import { clientAddress } from "../request";
import { hasSessionCookie } from "../session-cookie";
import { adminAuth } from "./auth";

/** The signed-in business user of this request, checked against the database (once per request). */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  if (!(await hasSessionCookie("admin"))) return null;
  const session = await adminAuth();
  if (!session?.staff) return null;
  const context = await validateStaffSession(await getDb(), session.staff.sessionId, getEnv().adminIdleMinutes);
  return context && context.staff.id === session.staff.id ? context : null;
});

/**
 * The top of every back-office page and action (SPEC §7: authorisation on the server, by role). Not signed in:
 * to the sign-in page. A temporary password: to the change-password page. Without the role: 403, logged.
 */
export async function requireStaff(
  role?: StaffRole | StaffRole[],
  { allowTemporary = false } = {},
): Promise<StaffContext> {
  const context = await currentStaff();
  if (!context) redirect("/admin/login");
  if (context.staff.passwordTemporary && !allowTemporary) redirect("/admin/change-password");
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
