"use server";

import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { getTranslations } from "next-intl/server";
import { setManagerPasswordRegex, setSecondFactorRequired } from "@/lib/staff/preferences";
import { clientAddress } from "../../../request";
import { requireStaff } from "../../guard";

export async function saveManagerRegexAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const { pattern = "" } = formStrings(formData, 2000);
  const verdict = await setManagerPasswordRegex(await getDb(), staff, pattern.trim(), await clientAddress());
  if (!verdict.ok) return { values: { pattern }, fieldErrors: { pattern: [verdict.message] } };
  return { values: { pattern: pattern.trim() }, notice: "Saved. New and changed business-user passwords must now match this pattern." };
}

/** "Require a second factor for business users" (SPEC §10): a checkbox, so its absence from the form means off. */
export async function saveSecondFactorRequiredAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const required = formStrings(formData).required === "on";
  await setSecondFactorRequired(await getDb(), staff, required, await clientAddress());
  return { notice: (await getTranslations("secondFactor.settings"))(required ? "savedOn" : "savedOff") };
}
