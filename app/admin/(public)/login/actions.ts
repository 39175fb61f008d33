"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formStrings, type FormState } from "@/components/form-state";
import { describeWait } from "@/lib/limits";
import { signInSchema } from "@/lib/staff/forms";
import { AdminSignInThrottled, adminSignIn, TemporaryPasswordExpired } from "../../auth";

export async function adminSignInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formStrings(formData);
  const echo = { email: (values.email ?? "").slice(0, 320) };
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: echo };
  try {
    await adminSignIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof AdminSignInThrottled) {
      return { values: echo, formError: `Too many unsuccessful attempts. Please wait ${describeWait(error.retryAfterSeconds)} and try again.` };
    }
    if (error instanceof TemporaryPasswordExpired) {
      return { values: echo, formError: "Your temporary password has expired. Ask a user manager to reset your password." };
    }
    if (error instanceof CredentialsSignin) return { values: echo, formError: "The e-mail or password is incorrect." };
    throw error;
  }
  redirect("/admin");
}
