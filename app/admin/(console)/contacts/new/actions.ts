"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { createContact } from "@/lib/accounts/contacts";
import { backOfficeCode } from "@/i18n/back-office-code";
import { afterResponse } from "../../../../mail";
import { clientAddress } from "../../../../request";
import { requireStaff } from "../../../guard";

export async function createContactAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { staff } = await requireStaff("customer_service");
  const { intent, ...values } = formStrings(formData, 320);
  // Without JavaScript, "Choose shop and type" posts the chosen shop and type: the form comes back with their fields.
  if (intent === "choose") return { values };
  const result = await createContact(await getDb(), staff, values, await clientAddress());
  if (result.ok) {
    afterResponse();
    redirect(`/admin/contacts/${result.customer.id}?created=1`);
  }
  if (result.reason === "exists") {
    return { values, fieldErrors: { email: [backOfficeCode("office", "contactExists")] } };
  }
  return { values, fieldErrors: result.fieldErrors, formError: (await getTranslations("office.newContact"))("correctFields") };
}
