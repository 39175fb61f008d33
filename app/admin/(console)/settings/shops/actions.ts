"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, postedForm, type FormState } from "@/components/form-state";
import {
  addCustomerType,
  createShop,
  findScopedShop,
  removeCustomerType,
  saveRegistrationForm,
  updateCustomerType,
  updateShop,
  type CustomerTypeResult,
} from "@/lib/shops/settings";
import { bound, boundArguments } from "@/lib/http/bound-arguments";
import { applyFormEdit, messages, parseFormEdit, postedCodes } from "@/lib/shops/settings-forms";
import { shopScope } from "@/lib/staff/scope";
import { clientAddress } from "../../../../request";
import { requireStaff } from "../../../guard";
import { messageWords } from "@/app/words";

const shopPath = (code: string) => `/admin/settings/shops/${encodeURIComponent(code)}`;
// Host names may fill 20 lines; every field is bounded again by its schema.
const FIELD_MAX = 6000;

/**
 * A shop admin's action, on a shop when its page bound one. A shop outside the user's scope answers 404, as if it
 * did not exist (SPEC §4); so does a bound code that is not a shop code (a forged call).
 */
async function shopAdmin(...bindings: [] | [shopCode: unknown]) {
  const { staff } = await requireStaff("shop_admin");
  const db = await getDb();
  if (bindings.length > 0) {
    const code = boundArguments([bound.shopCode], bindings)?.[0];
    if (!code || !(await findScopedShop(db, shopScope(staff), code))) notFound();
  }
  return { staff, db, ip: await clientAddress() };
}

/** A customer type's code as its page binds it; null (a type that does not exist) for anything else. */
const typeCodeOf = (typeCode: unknown) => boundArguments([bound.customerTypeCode], [typeCode])?.[0] ?? null;

/** A shop's form as posted: its fields, with every ticked language (a checkbox group), and the same for showing again. */
function shopFormInput(formData: FormData): { values: Record<string, string>; input: Record<string, unknown> } {
  const locales = postedForm(formData)
    .getAll("locales")
    .filter((locale): locale is string => typeof locale === "string")
    .slice(0, 10)
    .map((locale) => locale.slice(0, 16));
  const values = { ...formStrings(formData, FIELD_MAX), locales: locales.join(",") };
  return { values, input: { ...values, locales } };
}

export async function createShopAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff, db, ip } = await shopAdmin();
  const { values, input } = shopFormInput(formData);
  const result = await createShop(db, staff, input, ip);
  if (result.ok) redirect(`${shopPath(result.shop.code)}?created=1`);
  if (result.reason === "not-found") notFound();
  return { values, fieldErrors: result.fieldErrors, formError: result.formError && (await messageWords())(result.formError) };
}

export async function updateShopAction(code: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { staff, db, ip } = await shopAdmin(code);
  const { values, input } = shopFormInput(formData);
  const result = await updateShop(db, staff, code, input, ip);
  if (result.ok) redirect(`${shopPath(code)}?saved=${Date.now()}`);
  if (result.reason === "not-found") notFound();
  return { values, fieldErrors: result.fieldErrors, formError: result.formError && (await messageWords())(result.formError) };
}

/** The notice when done, or what went wrong worded for the page (field messages are worded by the form). */
async function typeAnswer(result: CustomerTypeResult, values: Record<string, string>, done: string): Promise<FormState> {
  if (result.ok) return { notice: done };
  const word = await messageWords();
  if (result.reason === "not-found") return { formError: word(messages.typeNotFound) };
  if (result.reason === "in-use") return { formError: word(result.message) };
  return { values, fieldErrors: result.fieldErrors, formError: result.formError && word(result.formError) };
}

export async function addCustomerTypeAction(shopCode: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { staff, db, ip } = await shopAdmin(shopCode);
  const values = formStrings(formData, 200);
  const result = await addCustomerType(db, staff, shopCode, values, ip);
  if (result.ok) redirect(`${shopPath(shopCode)}?added=${encodeURIComponent(values.code.trim())}`);
  if (result.reason === "not-found") notFound();
  return typeAnswer(result, values, "");
}

export async function updateCustomerTypeAction(shopCode: string, typeCode: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const { staff, db, ip } = await shopAdmin(shopCode);
  const values = formStrings(formData, 200);
  const type = typeCodeOf(typeCode);
  if (!type) return typeAnswer({ ok: false, reason: "not-found" }, values, "");
  const result = await updateCustomerType(db, staff, shopCode, type, values, ip);
  revalidatePath(shopPath(shopCode));
  return typeAnswer(result, values, (await getTranslations("settings.shops.types"))("saved"));
}

export async function removeCustomerTypeAction(shopCode: string, typeCode: string): Promise<FormState> {
  const { staff, db, ip } = await shopAdmin(shopCode);
  const type = typeCodeOf(typeCode);
  if (!type) return typeAnswer({ ok: false, reason: "not-found" }, {}, "");
  const result = await removeCustomerType(db, staff, shopCode, type, ip);
  if (result.ok) redirect(`${shopPath(shopCode)}?removed=${encodeURIComponent(type)}`);
  return typeAnswer(result, {}, "");
}

export type RegistrationFormState = { draft?: string[]; problems?: string[]; notice?: string };

/**
 * The form editor's one action: "Move up", "Move down", "Remove" and "Add attribute" answer a re-ordered draft
 * without saving (so the editor works without JavaScript); "Save form" saves the draft.
 */
export async function editRegistrationFormAction(
  shopCode: string,
  typeCode: string,
  _previous: RegistrationFormState,
  formData: FormData,
): Promise<RegistrationFormState> {
  const { staff, db, ip } = await shopAdmin(shopCode);
  const form = postedForm(formData);
  const draft = postedCodes(form.getAll("attribute"));
  const type = typeCodeOf(typeCode);
  const word = await messageWords();
  if (!type) return { draft, problems: [word(messages.typeNotFound)] };
  const edit = parseFormEdit(form.get("op"), form.get("add"));
  if (!edit) return { draft };
  if (edit.op !== "save") return { draft: applyFormEdit(draft, edit) };
  const result = await saveRegistrationForm(db, staff, shopCode, type, draft, ip);
  if (!result.ok && result.reason === "not-found") return { draft, problems: [word(messages.typeNotFound)] };
  if (!result.ok) return { draft, problems: result.problems.map(word) };
  revalidatePath(shopPath(shopCode));
  const t = await getTranslations("settings.shops.editor");
  return { draft: result.codes, notice: t("saved", { mode: t(`passwordMode.${result.mode}`) }) };
}
