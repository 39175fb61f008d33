import { redirect } from "next/navigation";
import { ConfirmSignOutElsewhere } from "@/components/signed-in-devices";
import { currentCustomer } from "../../../../auth";
import { requireShop } from "../../../../request";
import { signOutElsewhereAction } from "../../actions";
import { titleFrom } from "../../../page-title";

export const generateMetadata = titleFrom("account.signOutElsewhereTitle");

/** My account's "Sign out everywhere else" without JavaScript: the question, and only its POST signs anyone out. */
export default async function ConfirmSignOutElsewherePage() {
  const shop = await requireShop();
  if (!(await currentCustomer(shop.id))) redirect("/login?next=/account");
  return <ConfirmSignOutElsewhere signOutElsewhere={signOutElsewhereAction} back="/account" />;
}
