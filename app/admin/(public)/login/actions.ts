"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formStrings, type FormState } from "@/components/form-state";
import { signInSchema } from "@/lib/staff/forms";
import { signInStaff } from "../../auth";
import { signInLimitMessage } from "../../sign-in-limit";

export async function adminSignInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formStrings(formData);
  const echo = { email: (values.email ?? "").slice(0, 320) };
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: echo };
  const result = await signInStaff(parsed.data);
  if (!result.ok) {
    const t = await getTranslations("console.login");
    if (result.reason === "throttled") {
      return { values: echo, formError: await signInLimitMessage(result.retryAfterSeconds) };
    }
    if (result.reason === "temporary-expired") {
      return { values: echo, formError: t("temporaryExpired") };
    }
    return { values: echo, formError: t("incorrect") };
  }
  redirect("/admin");
}
