import { useTranslations } from "next-intl";
import { wordProblem } from "@/lib/shops/settings-messages";

/** A field's errors as the person reads them: Settings' problem codes worded, any other message as it is. */
export function useProblems(): (errors: string | string[] | undefined) => string | string[] | undefined {
  const t = useTranslations("settings");
  return (errors) => (Array.isArray(errors) ? errors.map((message) => wordProblem(t, message)) : errors && wordProblem(t, errors));
}
