"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { beginSecondFactorSetup, confirmSecondFactor, verifySecondFactor } from "@/lib/staff/second-factor";
import { completeSecondFactorSetUp, completeSecondFactorStep, type StaffSessionContext } from "@/lib/staff/users";
import { clientAddress } from "../../request";
import { setStaffSessionCookie } from "../auth";
import { nextSignInStep, requireStaff } from "../guard";
import { signInLimitMessage } from "../sign-in-limit";

/** What the set-up's confirmation answers: on success the recovery codes, shown once and never stored as they are. */
export type SetUpState = FormState & { recoveryCodes?: string[] };

/** A session that may take the second step, at the step it is at (a temporary password is changed first). */
async function secondStep(): Promise<StaffSessionContext> {
  return requireStaff(undefined, { allowSecondFactor: true });
}

/** A code was accepted: the waiting session gives way to a new one, named in the cookie from now on. */
async function finishStep(context: StaffSessionContext): Promise<void> {
  const sessionId = await completeSecondFactorStep(await getDb(), context.sessionId);
  if (!sessionId) redirect("/admin/login");
  await setStaffSessionCookie(context.staff, sessionId);
}

/** The sign-in's second step: a code from the app, or (method "recovery") one of the recovery codes. */
export async function verifySecondFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const context = await secondStep();
  if (context.secondFactor !== "verify") redirect(nextSignInStep(context) ?? "/admin");
  const t = await getTranslations("secondFactor.verify");
  const { code = "", method } = formStrings(formData, 100);
  if (!code.trim()) return { fieldErrors: { code: [t("missing")] } };
  const result = await verifySecondFactor(await getDb(), context.staff.id, code, await clientAddress());
  if (!result.ok) {
    if (result.reason === "throttled") return { formError: await signInLimitMessage(result.retryAfterSeconds) };
    return { fieldErrors: { code: [t(method === "recovery" ? "invalidRecovery" : "invalidCode")] } };
  }
  await finishStep(context);
  redirect("/admin");
}

/** A new key for the authenticator app (replacing one never confirmed); the set-up page then shows it. */
export async function beginSetUpAction(): Promise<void> {
  const context = await secondStep();
  if (context.secondFactor === "verify") redirect("/admin/second-factor");
  await beginSecondFactorSetup(await getDb(), context.staff.id);
  redirect("/admin/second-factor/set-up");
}

/** The first code from the app turns the factor on; a session that owed the set-up is complete from then on. */
export async function confirmSetUpAction(_previous: SetUpState, formData: FormData): Promise<SetUpState> {
  const context = await secondStep();
  if (context.secondFactor === "verify") redirect("/admin/second-factor");
  const t = await getTranslations("secondFactor.setUp");
  const { code = "" } = formStrings(formData, 100);
  const result = await confirmSecondFactor(await getDb(), context.staff.id, code, await clientAddress());
  if (!result.ok) {
    if (result.reason === "invalid-code") return { fieldErrors: { code: [t("invalidCode")] } };
    return { formError: t(result.reason === "already-enabled" ? "alreadyOn" : "notStarted") };
  }
  // The page is drawn again with this answer, in this session: it keeps its id (see completeSecondFactorSetUp).
  if (context.secondFactor === "set-up") await completeSecondFactorSetUp(await getDb(), context.sessionId);
  return { recoveryCodes: result.recoveryCodes };
}
