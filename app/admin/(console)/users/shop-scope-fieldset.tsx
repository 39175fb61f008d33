import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";
import { CheckboxGroup } from "@/components/form";

export type GrantableShops = {
  /** The shops the user manager may grant: their own, or every shop when they have All shops. */
  shops: { code: string; name: string }[];
  /** Only a user manager with All shops can grant All shops. */
  canGrantAll: boolean;
};

type Props = GrantableShops & {
  /** What is chosen when the form opens. */
  chosen: { all: boolean; codes: string[] };
  errors?: (string | undefined)[];
  /** react-hook-form's register, where the form uses it. */
  inputProps?: (name: "shopScope" | "shops") => InputHTMLAttributes<HTMLInputElement>;
};

const radioClass = "h-4 w-4 border-slate-400 focus:ring-2 focus:ring-blue-700";

/**
 * "Shops" of a business user (SPEC §4): All shops, or only the shops ticked. A user manager who works in some shops
 * only is not offered All shops; the server refuses it from them anyway.
 */
export function ShopScopeFieldset({ shops, canGrantAll, chosen, errors = [], inputProps }: Props) {
  const messages = errors.filter(Boolean);
  const t = useTranslations("users.scope");
  return (
    <fieldset className="space-y-2" aria-describedby="shop-scope-hint">
      <legend className="text-sm font-medium text-slate-800">{t("legend")}</legend>
      <p id="shop-scope-hint" className="text-sm text-slate-600">
        {canGrantAll ? t("hint") : t("hintScoped")}
      </p>
      {canGrantAll ? (
        <>
          <label className="flex items-center gap-2">
            <input type="radio" name="shopScope" value="all" defaultChecked={chosen.all} className={radioClass} {...inputProps?.("shopScope")} />
            {t("allShops")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="shopScope" value="chosen" defaultChecked={!chosen.all} className={radioClass} {...inputProps?.("shopScope")} />
            {t("chosen")}
          </label>
        </>
      ) : (
        <input type="hidden" name="shopScope" value="chosen" {...inputProps?.("shopScope")} />
      )}
      <div className="pl-6">
        <CheckboxGroup
          legend={t("chosenShops")}
          name="shops"
          options={shops.map((shop) => ({ value: shop.code, label: shop.name }))}
          defaultValues={chosen.codes}
          errors={messages as string[]}
          inputProps={() => inputProps?.("shops") ?? {}}
        />
      </div>
    </fieldset>
  );
}
