import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { LanguageForm } from "@/components/language-form";
import { SignedInDevices } from "@/components/signed-in-devices";
import { offeredLocales } from "@/i18n/locales";
import { customerDevices } from "@/lib/accounts/sessions";
import { allAttributeDefinitions, selfRegistrationTypes } from "@/lib/shops";
import { currentCustomer } from "../../auth";
import { requireShop } from "../../request";
import { chooseLanguageAction, signOutElsewhereAction } from "./actions";
import { SendResetLinkForm } from "./components";
import { titleFrom } from "../page-title";
import { shopWords } from "../shop-words";

export const generateMetadata = titleFrom("account.title");

export default async function AccountPage() {
  const shop = await requireShop();
  const context = await currentCustomer(shop.id);
  if (!context) redirect("/login?next=/account");
  const { customer } = context;
  const t = await getTranslations("storefront.account");
  const language = await getTranslations("storefront.account.language");
  const db = await getDb();
  const types = await selfRegistrationTypes(db, shop.id);
  const words = await shopWords();
  const stored = types.find((type) => type.code === customer.customerType)?.name;
  const typeName = stored ? words.typeName(customer.customerType, stored) : customer.customerType;
  // The attributes' labels as the registration form showed them (a removed definition shows its code).
  const labels = new Map((await allAttributeDefinitions(db)).map((definition) => [definition.code, words.attribute(definition).label]));
  return (
    <section className="max-w-xl space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 [&_dd]:break-words">
        <dt className="font-medium text-slate-700">{t("name")}</dt>
        <dd>{`${customer.firstName} ${customer.lastName}`.trim() || "—"}</dd>
        <dt className="font-medium text-slate-700">{t("email")}</dt>
        <dd>{customer.email}</dd>
        <dt className="font-medium text-slate-700">{t("customerType")}</dt>
        <dd>{typeName}</dd>
        {Object.entries(customer.attributes).map(([code, value]) => (
          <div key={code} className="contents">
            <dt className="font-medium text-slate-700">{labels.get(code) ?? code}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("passwordHeading")}
        </h2>
        <p className="text-slate-700">{t("passwordIntro")}</p>
        <SendResetLinkForm />
      </section>
      <LanguageForm
        action={chooseLanguageAction}
        current={customer.locale}
        offered={offeredLocales(shop)}
        text={{ heading: language("heading"), intro: language("intro"), label: language("label"), submit: language("submit") }}
      />
      <SignedInDevices devices={await customerDevices(db, context)} signOutElsewhere={signOutElsewhereAction} confirmHref="/account/confirm/sign-out-elsewhere" />
    </section>
  );
}
