"use server";

import { getDb } from "@/db/client";
import { endStaffSession } from "@/lib/staff/users";
import { adminSignOut } from "../auth";
import { currentStaff } from "../guard";

export async function adminSignOutAction(): Promise<void> {
  const context = await currentStaff();
  if (context) await endStaffSession(await getDb(), context.sessionId);
  await adminSignOut({ redirectTo: "/admin/login" });
}
