"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formStrings, type FormState } from "@/components/form-state";
import { safeRedirectPath } from "@/lib/http/redirects";
import { waitParts } from "@/lib/limits";
import { signInCustomer } from "../../auth";
import { requireShop } from "../../request";
import { signInSchema } from "./schema";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formStrings(formData);
  const parsed = signInSchema.safeParse(values);
  const echo = { email: (values.email ?? "").slice(0, 320) };
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: echo };
  const result = await signInCustomer(parsed.data);
  if (!result.ok) {
    const t = await getTranslations("storefront");
    if (result.reason === "pending") {
      return {
        values: echo,
        pendingEmail: parsed.data.email,
        formError: t("signIn.pending"),
      };
    }
    if (result.reason === "throttled") {
      return {
        values: echo,
        formError: t("signIn.throttled", { wait: t("wait", waitParts(result.retryAfterSeconds)) }),
      };
    }
    if (result.reason === "disabled") {
      const [tSignIn, shop] = await Promise.all([getTranslations("signIn"), requireShop()]);
      return { values: echo, formError: tSignIn("deactivated", { shop: shop.name }) };
    }
    return { values: echo, formError: t("signIn.incorrect") };
  }
  redirect(safeRedirectPath(values.next, "/account"));
}
