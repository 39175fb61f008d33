"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { requestPasswordReset } from "@/lib/accounts/password-reset";
import { emailField } from "@/lib/shops/registration-form";
import { afterResponse } from "../../mail";
import { clientAddress, requireShop } from "../../request";

export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const shop = await requireShop();
  const values = formStrings(formData);
  const parsed = z.object({ email: emailField }).safeParse(values);
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { email: (values.email ?? "").slice(0, 320) } };
  }
  await requestPasswordReset(await getDb(), shop, parsed.data.email, await clientAddress(), { defer: afterResponse });
  redirect("/forgot-password/sent");
}
