"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { bound, boundArguments } from "@/lib/http/bound-arguments";
import {
  attributeMessages,
  createAttributeDefinition,
  deleteAttributeDefinition,
  updateAttributeDefinition,
  type AttributeResult,
} from "@/lib/shops/attributes";
import { clientAddress } from "../../../../request";
import { requireStaff } from "../../../guard";
import { messageWords } from "@/app/words";

const LIST = "/admin/settings/attributes";

/** What the form shows after a refusal: every field as typed, the field messages, and what went wrong. */
async function refused(result: Exclude<AttributeResult, { ok: true }>, values: Record<string, string>): Promise<FormState> {
  const t = await getTranslations("settings.attributes.form");
  if (result.reason === "invalid") return { values, fieldErrors: result.fieldErrors, formError: t("correctFields") };
  return { values, formError: (await messageWords())(result.message) };
}

export async function createAttributeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const values = formStrings(formData, 2000);
  const result = await createAttributeDefinition(await getDb(), staff, values, await clientAddress());
  if (!result.ok) return refused(result, values);
  revalidatePath(LIST);
  redirect(`${LIST}/${encodeURIComponent(result.definition.code)}?created=1`);
}

/** A definition's code as its page binds it; anything else (a forged call) is a definition that does not exist. */
const definitionCodeOf = (code: unknown) => boundArguments([bound.attributeCode], [code])?.[0];

export async function updateAttributeAction(code: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const values = formStrings(formData, 2000);
  const definition = definitionCodeOf(code);
  if (!definition) return { values, formError: (await messageWords())(attributeMessages.notFound) };
  const result = await updateAttributeDefinition(await getDb(), staff, definition, values, await clientAddress());
  if (!result.ok) return refused(result, values);
  revalidatePath(LIST, "layout");
  return { notice: (await getTranslations("settings.attributes.form"))("saved") };
}

export async function deleteAttributeAction(code: string): Promise<FormState> {
  const { staff } = await requireStaff("shop_admin");
  const definition = definitionCodeOf(code);
  if (!definition) return { formError: (await messageWords())(attributeMessages.notFound) };
  const result = await deleteAttributeDefinition(await getDb(), staff, definition, await clientAddress());
  if (!result.ok) return { formError: (await messageWords())(result.message) };
  revalidatePath(LIST, "layout");
  redirect(`${LIST}?deleted=1`);
}
