"use server";

import { revalidatePath } from "next/cache";
import { messageWords } from "@/app/words";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { postedForm, type FormState } from "@/components/form-state";
import { bound, boundArguments, forgedCall } from "@/lib/http/bound-arguments";
import { getTranslations } from "next-intl/server";
import { resetSecondFactor } from "@/lib/staff/second-factor";
import { findStaff, resetStaffPassword, setStaffRoles, setStaffShops, setStaffStatus, type StaffChangeResult } from "@/lib/staff/users";
import { afterResponse } from "../../../../mail";
import { clientAddress } from "../../../../request";
import { backOffice, requireStaff } from "../../../guard";
import { shopScopeInput } from "../shop-scope-input";

/** A user's id as a page binds it; anything else (a forged call) is a user that does not exist. */
const userIdOf = (userId: unknown) => boundArguments([bound.id], [userId])?.[0];

async function noSuchUser(): Promise<FormState> {
  return { formError: (await getTranslations("users.user.problems"))("not-found") };
}

/** The page's answer: the notice when done, or what went wrong (`invalid`: the form's own request to correct it). */
async function answer(result: StaffChangeResult, done: string, invalid: "correctRoles" | "correctShops" = "correctRoles"): Promise<FormState> {
  if (result.ok) return { notice: done };
  const t = await getTranslations("users.user");
  if (result.reason === "invalid") return { fieldErrors: result.fieldErrors, formError: t(invalid) };
  return { formError: t(`problems.${result.reason}`) };
}

/** What happened, to whom: the notice names the user by e-mail. */
async function staffNotice(key: "passwordReset" | "deactivated" | "reactivated", id: string): Promise<string> {
  const user = await findStaff(await getDb(), id);
  return (await getTranslations("admin.staffNotices"))(key, { email: user?.email ?? "" });
}

export async function resetStaffPasswordAction(userId: string): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const id = userIdOf(userId);
  if (!id) return noSuchUser();
  const result = await resetStaffPassword(await getDb(), staff, id, await backOffice());
  if (result.ok) afterResponse();
  revalidatePath(`/admin/users/${id}`);
  return answer(result, await staffNotice("passwordReset", id));
}

export async function setStaffRolesAction(userId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const id = userIdOf(userId);
  if (!id) return noSuchUser();
  const roles = postedForm(formData).getAll("roles").filter((role) => typeof role === "string");
  const result = await setStaffRoles(await getDb(), staff, id, roles, await clientAddress());
  revalidatePath(`/admin/users/${id}`);
  return answer(result, (await getTranslations("users.user"))("rolesSaved"));
}

export async function setStaffShopsAction(userId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const id = userIdOf(userId);
  if (!id) return noSuchUser();
  const result = await setStaffShops(await getDb(), staff, id, shopScopeInput(formData), await clientAddress());
  revalidatePath(`/admin/users/${id}`);
  return answer(result, (await getTranslations("users.user"))("shopsSaved"), "correctShops");
}

export async function setStaffStatusAction(userId: string, status: "active" | "disabled"): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const args = boundArguments([bound.id, bound.staffStatus], [userId, status]);
  if (!args) return userIdOf(userId) ? { formError: (await messageWords())(forgedCall) } : noSuchUser();
  const [id, next] = args;
  const result = await setStaffStatus(await getDb(), staff, id, next, await clientAddress());
  revalidatePath(`/admin/users/${id}`);
  return answer(result, await staffNotice(next === "disabled" ? "deactivated" : "reactivated", id));
}

/**
 * A lost phone: the user's authenticator app and recovery codes go, and so do their sessions (SPEC §10). The user's
 * page is shown again with what happened, since the section that held the button now says the factor is off.
 */
export async function resetSecondFactorAction(userId: string): Promise<FormState> {
  const { staff } = await requireStaff("user_manager");
  const id = userIdOf(userId);
  if (!id) return noSuchUser();
  const result = await resetSecondFactor(await getDb(), staff, id, await clientAddress());
  if (!result.ok) return { formError: (await getTranslations("secondFactor.user"))(`problems.${result.reason}`) };
  revalidatePath(`/admin/users/${id}`);
  redirect(`/admin/users/${id}?reset=second-factor`);
}
