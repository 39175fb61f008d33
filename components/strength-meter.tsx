"use client";

import { useTranslations } from "next-intl";

const levels = ["veryWeak", "weak", "fair", "good", "strong"] as const;
const colours = ["bg-red-600", "bg-orange-500", "bg-amber-500", "bg-lime-600", "bg-green-700"];

/**
 * zxcvbn's estimate of a password typed so far, as bars and words. Advice only: the policy's rules decide. Shown
 * once the person types; null while the estimator loads.
 */
export function StrengthMeter({ score, id }: { score: 0 | 1 | 2 | 3 | 4 | null; id?: string }) {
  const t = useTranslations("storefront.password");
  const level = score === null ? null : levels[score];
  return (
    <div id={id} className="flex items-center gap-3" data-score={score ?? ""}>
      <div className="flex w-32 shrink-0 gap-1" aria-hidden="true">
        {colours.map((colour, index) => (
          <span key={colour} className={`h-1.5 flex-1 rounded-full ${score !== null && index <= score ? colours[score] : "bg-slate-200"}`} />
        ))}
      </div>
      <p className="text-sm text-slate-700">{level ? t("strength", { level: t(`levels.${level}`) }) : t("strengthLoading")}</p>
    </div>
  );
}
