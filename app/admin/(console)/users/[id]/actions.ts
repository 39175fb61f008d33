"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import type { FormState } from "@/components/form-state";
import { resetStaffPassword, setStaffRoles, setStaffStatus, type StaffChangeResult } from "@/lib/staff/users";
import { afterResponse } from "../../../../mail";
import { clientAddress } from "../../../../request";
import { backOffice, requireStaff } from "../../../guard";

function answer(result: StaffChangeResult | { ok: true } | { ok: false; reason: "not-found" }, done: string): FormState {
  if (result.ok) return { notice: done };
  switch (result.reason) {
    case "not-found":
      return { formError: "This user no longer exists." };
    case "last-manager":
      return { formError: "This is the last active user manager: give another user that role first." };
    case "invalid":
      return { fieldErrors: result.fieldErrors, formError: "Please correct the roles." };
  }
}

export async function resetStaffPasswordAction(userId: string): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const result = await resetStaffPassword(await getDb(), staff, userId, await backOffice());
  if (result.ok) afterResponse();
  revalidatePath(`/admin/users/${userId}`);
  return answer(result, "A new temporary password has been e-mailed to the user, and their sessions have ended.");
}

export async function setStaffRolesAction(userId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const roles = formData.getAll("roles").filter((role) => typeof role === "string");
  const result = await setStaffRoles(await getDb(), staff, userId, roles, await clientAddress());
  revalidatePath(`/admin/users/${userId}`);
  return answer(result, "Roles saved.");
}

export async function setStaffStatusAction(userId: string, status: "active" | "disabled"): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const result = await setStaffStatus(await getDb(), staff, userId, status === "disabled" ? "disabled" : "active", await clientAddress());
  revalidatePath(`/admin/users/${userId}`);
  return answer(result, status === "disabled" ? "The user has been deactivated and signed out." : "The user has been reactivated.");
}
