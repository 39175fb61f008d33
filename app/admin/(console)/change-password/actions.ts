"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formStrings, type FormState } from "@/components/form-state";
import { changeOwnPassword } from "@/lib/staff/users";
import { clientAddress } from "../../../request";
import { requireStaff } from "../../guard";

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const context = await requireStaff(undefined, { allowTemporary: true });
  const result = await changeOwnPassword(await getDb(), context, formStrings(formData), await clientAddress());
  if (!result.ok) return { fieldErrors: result.fieldErrors, formError: (await getTranslations("console.changePassword"))("notChanged") };
  // The toolbar (in the layout) shows more once the password is no longer temporary.
  revalidatePath("/admin", "layout");
  redirect("/admin?password=changed");
}
