import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { Alert, PageHeading } from "@/components/form";
import { findShopSettings, listDefinitionSummaries, shopFormValues, type TypeSettings } from "@/lib/shops/settings";
import { TYPE_CODE, type DefinitionSummary } from "@/lib/shops/settings-forms";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../../../guard";
import { addCustomerTypeAction, editRegistrationFormAction, removeCustomerTypeAction, updateCustomerTypeAction, updateShopAction } from "../actions";
import { AddCustomerTypeForm, CustomerTypeForm, RegistrationFormEditor, RemoveTypeButton, ShopForm } from "../components";

export const metadata: Metadata = { title: "Shop settings" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.slice(0, 40);

function CustomerTypePanel({ shopCode, type, definitions }: { shopCode: string; type: TypeSettings; definitions: DefinitionSummary[] }) {
  const headingId = `type-${type.code}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-5 rounded-lg border border-slate-300 p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-lg font-semibold">
          {type.name} ({type.code})
        </h3>
        <p className="text-sm text-slate-700">
          {type.customers.toLocaleString("en")} customer{type.customers === 1 ? "" : "s"} · self-registration {type.selfRegistration ? "on" : "off"}
        </p>
      </div>
      <CustomerTypeForm
        action={updateCustomerTypeAction.bind(null, shopCode, type.code)}
        code={type.code}
        name={type.name}
        selfRegistration={type.selfRegistration}
      />
      <div className="space-y-3">
        <h4 className="font-semibold">Registration form</h4>
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
  return (
    <section className="max-w-3xl space-y-10">
      <div className="space-y-3">
        <p>
          <Link href="/admin/settings/shops">All shops</Link>
        </p>
        <PageHeading>{shop.name}</PageHeading>
        {query.created === "1" ? <Alert tone="success">The shop has been created. Add its customer types and their registration forms below.</Alert> : null}
        <p className="break-words text-slate-700">
          Code <code>{shop.code}</code> · {customers.toLocaleString("en")} customer{customers === 1 ? "" : "s"} · storefront at{" "}
          <a href={shop.baseUrl} className="break-all">{shop.baseUrl}</a>
        </p>
      </div>
      <section aria-labelledby="shop-settings-heading" className="space-y-4">
        <h2 id="shop-settings-heading" className="text-xl font-semibold">Shop settings</h2>
        <ShopForm key={saved ?? "initial"} action={updateShopAction.bind(null, shop.code)} initial={shopFormValues(shop, hosts)} isNew={false} saved={Boolean(saved)} />
      </section>
      <section aria-labelledby="types-heading" className="space-y-6">
        <div className="space-y-2">
          <h2 id="types-heading" className="text-xl font-semibold">Customer types and registration forms</h2>
          <p className="text-slate-700">
            Each type&apos;s registration form decides how its customers get passwords: with a password and a confirm-password
            attribute they choose their own; without them the system generates one and e-mails it. Changes apply at once,
            also to links already sent.
          </p>
        </div>
        {added ? <Alert tone="success">{`Customer type ${added} added, with self-registration off. Build its registration form, then turn self-registration on.`}</Alert> : null}
        {removed ? <Alert tone="success">{`Customer type ${removed} removed.`}</Alert> : null}
        {types.map((type) => (
          <CustomerTypePanel key={type.code} shopCode={shop.code} type={type} definitions={definitions} />
        ))}
        {types.length === 0 ? <p>This shop has no customer types yet, so nobody can register.</p> : null}
        <section aria-labelledby="add-type-heading" className="space-y-3 rounded-lg border border-slate-300 p-4 sm:p-5">
          <h3 id="add-type-heading" className="text-lg font-semibold">Add customer type</h3>
          <AddCustomerTypeForm key={added ?? "initial"} action={addCustomerTypeAction.bind(null, shop.code)} />
        </section>
      </section>
    </section>
  );
}
