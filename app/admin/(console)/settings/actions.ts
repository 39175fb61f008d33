"use server";

import { getDb } from "@/db/client";
import { formStrings, postedForm, type FormState } from "@/components/form-state";
import { getTranslations } from "next-intl/server";
import { setManagerPasswordRegex, setSecondFactorRequired } from "@/lib/staff/preferences";
import { clientAddress } from "../../../request";
import { requireStaff } from "../../guard";

export async function saveManagerRegexAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const { pattern = "" } = formStrings(formData, 2000);
  const t = await getTranslations("settings.index.managerRegex");
  const verdict = await setManagerPasswordRegex(await getDb(), staff, pattern.trim(), await clientAddress());
  if (!verdict.ok) return { values: { pattern }, fieldErrors: { pattern: [verdict.message] } };
  return { values: { pattern: pattern.trim() }, notice: t("saved") };
}

/**
 * "Require a second factor for business users" (SPEC §10): the form always sends `required=off` (a hidden field) and,
 * when the box is ticked, `required=on` after it; anything else (nothing at all, other values) is no browser's form and
 * changes nothing.
 */
export async function saveSecondFactorRequiredAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const t = await getTranslations("secondFactor.settings");
  const given = postedForm(formData).getAll("required").join(",");
  if (given !== "off" && given !== "off,on") return { formError: t("unreadable") };
  const required = given === "off,on";
  await setSecondFactorRequired(await getDb(), staff, required, await clientAddress());
  return { notice: t(required ? "savedOn" : "savedOff") };
}
