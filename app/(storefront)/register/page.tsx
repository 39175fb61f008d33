import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { registrationAttributesOf, selfRegistrationTypes } from "@/lib/shops";
import { requireShop } from "../../request";
import { PageHeading } from "@/components/form";
import { Registration } from "./components";
import { titleFrom } from "../page-title";
import { shopWords } from "../shop-words";

export const generateMetadata = titleFrom("register.title");

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ type?: string | string[] }> }) {
  const shop = await requireShop();
  const t = await getTranslations("storefront.register");
  const db = await getDb();
  const types = await selfRegistrationTypes(db, shop.id);
  const requested = (await searchParams).type;
  const selected = types.find((type) => type.code === requested) ?? types[0];
  if (!selected) {
    return (
      <section className="space-y-4">
        <PageHeading>{t("heading")}</PageHeading>
        <p>{t("notOffered")}</p>
      </section>
    );
  }
  // Every type's form is sent along, so that switching type happens in place and keeps what was typed.
  const words = await shopWords();
  const forms = await Promise.all(
    types.map(async (type) => ({
      code: type.code,
      name: words.typeName(type.code, type.name),
      attributes: (await registrationAttributesOf(db, shop.id, type.code)).map(words.attribute),
    })),
  );
  return (
    <section className="max-w-md space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <Registration types={forms} initialType={selected.code} />
      <p className="text-sm text-slate-700">
        {t.rich("alreadyHaveAccount", { link: (chunks) => <Link href="/login">{chunks}</Link> })}
      </p>
    </section>
  );
}
