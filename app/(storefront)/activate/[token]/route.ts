import { getDb } from "@/db/client";
import { activateAccount } from "@/lib/accounts/activation";
import { afterResponse } from "../../../mail";
import { clientAddress, requestShop } from "../../../request";
import { keepToken, leaveTokenUrl } from "../../token-cookie";

/**
 * The e-mailed activation link (SPEC §3): activates at once when the account has a password (or, in automatic
 * mode, gets a generated one); a contact created in the back office first chooses a password at /activate/set-password.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const shop = await requestShop();
  if (!shop) return leaveTokenUrl("/");
  const token = (await params).token;
  const result = await activateAccount(await getDb(), shop, token, await clientAddress());
  if (result.ok) {
    afterResponse();
    return leaveTokenUrl(result.generatedPassword ? "/activate/done?emailed=1" : "/activate/done");
  }
  switch (result.reason) {
    case "already-active":
      return leaveTokenUrl("/activate/done?already=1");
    case "needs-password":
      await keepToken("activation-token", token, 3600);
      return leaveTokenUrl("/activate/set-password");
    default:
      return leaveTokenUrl("/activate/invalid");
  }
}
