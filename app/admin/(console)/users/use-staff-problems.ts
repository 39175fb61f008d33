import { useTranslations } from "next-intl";
import { wordStaffProblem } from "@/lib/staff/staff-messages";

/** A field's errors as the person reads them: the Business users problem codes worded, any other message as it is. */
export function useStaffProblems(): (errors: string | string[] | undefined) => string[] {
  const t = useTranslations("users");
  return (errors) => (Array.isArray(errors) ? errors : errors ? [errors] : []).map((message) => wordStaffProblem(t, message));
}
