import { getTranslations } from "next-intl/server";
import { wordProblem } from "@/lib/shops/settings-messages";

/** Settings' problem codes worded in the request's language, for what an action or page shows as it is (alerts). */
export async function problemWords(): Promise<(message: string) => string> {
  const t = await getTranslations("settings");
  return (message) => wordProblem(t, message);
}
