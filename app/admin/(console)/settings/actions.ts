"use server";

import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { setManagerPasswordRegex } from "@/lib/staff/preferences";
import { clientAddress } from "../../../request";
import { requireStaff } from "../../guard";

export async function saveManagerRegexAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const { pattern = "" } = formStrings(formData, 2000);
  const verdict = await setManagerPasswordRegex(await getDb(), staff, pattern.trim(), await clientAddress());
  if (!verdict.ok) return { values: { pattern }, fieldErrors: { pattern: [verdict.message] } };
  return { values: { pattern: pattern.trim() }, notice: "Saved. New and changed business-user passwords must now match this pattern." };
}
