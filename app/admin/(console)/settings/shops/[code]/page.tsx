import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { findShopSettings, listDefinitionSummaries, shopFormValues, type TypeSettings } from "@/lib/shops/settings";
import { TYPE_CODE, type DefinitionSummary } from "@/lib/shops/settings-forms";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../../guard";
import { addCustomerTypeAction, editRegistrationFormAction, removeCustomerTypeAction, updateCustomerTypeAction, updateShopAction } from "../actions";
import { AddCustomerTypeForm, CustomerTypeForm, RegistrationFormEditor, RemoveTypeButton, ShopForm } from "../components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.shops.page"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.slice(0, 40);

function CustomerTypePanel({ shopCode, type, definitions }: { shopCode: string; type: TypeSettings; definitions: DefinitionSummary[] }) {
  const t = useTranslations("settings.shops.page");
  const headingId = `type-${type.code}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-5 rounded-lg border border-slate-300 p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-lg font-semibold">
          {type.name} ({type.code})
        </h3>
        <p className="text-sm text-slate-700">
          {t("typeSummary", { count: type.customers, on: String(type.selfRegistration) })}
        </p>
      </div>
      <CustomerTypeForm
        action={updateCustomerTypeAction.bind(null, shopCode, type.code)}
        code={type.code}
        name={type.name}
        selfRegistration={type.selfRegistration}
      />
      <div className="space-y-3">
        <h4 className="font-semibold">{t("registrationForm")}</h4>
        <RegistrationFormEditor
          action={editRegistrationFormAction.bind(null, shopCode, type.code)}
          typeCode={type.code}
          typeName={type.name}
          saved={type.attributes}
          definitions={definitions}
        />
      </div>
      <RemoveTypeButton action={removeCustomerTypeAction.bind(null, shopCode, type.code)} />
    </section>
  );
}

export default async function ShopSettingsPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> }) {
  const { staff } = await requireStaff("shop_admin");
  const db = await getDb();
  const settings = await findShopSettings(db, shopScope(staff), (await params).code);
  if (!settings) notFound();
  const definitions = await listDefinitionSummaries(db);
  const { shop, hosts, types } = settings;
  const query = await searchParams;
  const saved = one(query.saved);
  // Only notices that are true of the page as it is now.
  const added = types.find((type) => type.code === one(query.added) && !type.selfRegistration)?.code;
  const removedCode = one(query.removed) ?? "";
  const removed = TYPE_CODE.test(removedCode) && !types.some((type) => type.code === removedCode) ? removedCode : undefined;
  const customers = types.reduce((sum, type) => sum + type.customers, 0);
  const [t, ts] = await Promise.all([getTranslations("settings.shops.page"), getTranslations("settings.shops")]);
  return (
    <section className="max-w-3xl space-y-10">
      <div className="space-y-3">
        <p>
          <Link href="/admin/settings/shops">{ts("allShops")}</Link>
        </p>
        <PageHeading>{shop.name}</PageHeading>
        {query.created === "1" ? <Alert tone="success">{t("created")}</Alert> : null}
        <p className="break-words text-slate-700">
          {t.rich("summary", {
            code: (chunks) => <code>{chunks}</code>,
            shopCode: shop.code,
            count: customers,
            url: shop.baseUrl,
            link: (chunks) => (
              <a href={shop.baseUrl} className="break-all">
                {chunks}
              </a>
            ),
          })}
        </p>
      </div>
      <section aria-labelledby="shop-settings-heading" className="space-y-4">
        <h2 id="shop-settings-heading" className="text-xl font-semibold">{t("settingsHeading")}</h2>
        <ShopForm key={saved ?? "initial"} action={updateShopAction.bind(null, shop.code)} initial={shopFormValues(shop, hosts)} isNew={false} saved={Boolean(saved)} />
      </section>
      <section aria-labelledby="types-heading" className="space-y-6">
        <div className="space-y-2">
          <h2 id="types-heading" className="text-xl font-semibold">{t("typesHeading")}</h2>
          <p className="text-slate-700">
            {t("typesIntro")}
          </p>
        </div>
        {added ? <Alert tone="success">{t("typeAdded", { code: added })}</Alert> : null}
        {removed ? <Alert tone="success">{t("typeRemoved", { code: removed })}</Alert> : null}
        {types.map((type) => (
          <CustomerTypePanel key={type.code} shopCode={shop.code} type={type} definitions={definitions} />
        ))}
        {types.length === 0 ? <p>{t("noTypes")}</p> : null}
        <section aria-labelledby="add-type-heading" className="space-y-3 rounded-lg border border-slate-300 p-4 sm:p-5">
          <h3 id="add-type-heading" className="text-lg font-semibold">{t("addTypeHeading")}</h3>
          <AddCustomerTypeForm key={added ?? "initial"} action={addCustomerTypeAction.bind(null, shop.code)} />
        </section>
      </section>
    </section>
  );
}
