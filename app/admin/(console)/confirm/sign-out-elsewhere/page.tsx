import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConfirmSignOutElsewhere } from "@/components/signed-in-devices";
import { requireStaff } from "../../../guard";
import { signOutElsewhereAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("forms.devices"))("button") };
}

/** The back office's "Sign out everywhere else" without JavaScript: the question, and only its POST signs anyone out. */
export default async function ConfirmStaffSignOutElsewherePage() {
  await requireStaff();
  return <ConfirmSignOutElsewhere signOutElsewhere={signOutElsewhereAction} back="/admin" />;
}
