"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { resendActivation } from "@/lib/accounts/activation";
import { emailField } from "@/lib/shops/registration-form";
import { afterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";

export async function resendActivationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const values = formStrings(formData);
  const parsed = z.object({ email: emailField }).safeParse(values);
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { email: values.email ?? "" } };
  }
  await resendActivation(await getDb(), shop, parsed.data.email, await clientAddress(), { defer: afterResponse });
  redirect("/check-inbox");
}
