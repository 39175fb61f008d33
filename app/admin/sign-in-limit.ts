import "server-only";
import { getTranslations } from "next-intl/server";
import { waitParts } from "@/lib/limits";

/**
 * What the back office says while the sign-in limits hold an account or address: the password and the code alike.
 * The wait is worded as the storefront words its own (the catalogue's `storefront.wait`), in the request's language.
 */
export async function signInLimitMessage(retryAfterSeconds: number): Promise<string> {
  const t = await getTranslations();
  return t("signIn.throttled", { wait: t("storefront.wait", waitParts(retryAfterSeconds)) });
}
