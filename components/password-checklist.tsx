import { useTranslations } from "next-intl";
import type { PasswordRuleCheck, PasswordRuleText } from "@/lib/passwords/rules";
import { wordPasswordText } from "@/lib/passwords/words";

type Check = PasswordRuleText & Partial<Pick<PasswordRuleCheck, "met">>;

/**
 * Every rule of the policy in force, shown as a new-password field's hint before anything is typed (the field's
 * aria-describedby points here, so screen readers announce it; the hidden separators make it read as a list). Once
 * the person types, each rule says whether it is met; one only the server can check stays open. The rules are worded
 * here, in the reader's language.
 */
export function PasswordChecklist({ checks, typed = false, intro }: { checks: Check[]; typed?: boolean; intro?: string }) {
  const t = useTranslations("storefront.password");
  const words = useTranslations("passwords");
  return (
    <>
      <span>{intro ?? t("needs")} </span>
      <ul className="mt-1 space-y-0.5">
        {checks.map((check, index) => {
          const met = typed ? (check.met ?? null) : null;
          return (
            <li key={index} data-met={met === null ? undefined : String(met)} className="flex items-start gap-2">
              <span aria-hidden="true" className={`w-4 shrink-0 text-center ${met ? "font-bold text-green-700" : "text-slate-500"}`}>
                {met ? "✓" : "•"}
              </span>
              <span>
                {wordPasswordText(words, check.text)}
                {met === null ? null : <span className="sr-only"> ({met ? t("met") : t("notMet")})</span>}
                <span className="sr-only">{index < checks.length - 1 ? ";" : "."}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
