import "server-only";
import { getTranslations } from "next-intl/server";
import { describeWait } from "@/lib/limits";

/** What the back office says while the sign-in limits hold an account or address: the password and the code alike. */
export async function signInLimitMessage(retryAfterSeconds: number): Promise<string> {
  return (await getTranslations("signIn"))("throttled", { wait: describeWait(retryAfterSeconds) });
}
