import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionButton } from "@/components/action-forms";
import { Alert, PageHeading } from "@/components/form";
import { attributeMessages, findAttributeDefinition } from "@/lib/shops/attributes";
import { requireStaff } from "../../../../guard";
import { updateAttributeAction } from "../actions";
import { AttributeForm } from "../components";
import { deleteAttributeConfirmation } from "./confirmations";
import { messageWords } from "@/app/words";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings.attributes.page"))("title") };
}

export default async function AttributeDefinitionPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { staff } = await requireStaff("shop_admin");
  const definition = await findAttributeDefinition(await getDb(), staff, (await params).code);
  if (!definition) notFound();
  const created = (await searchParams).created === "1";
  const [asking, t, ta, word] = await Promise.all([
    deleteAttributeConfirmation(definition),
    getTranslations("settings.attributes.page"),
    getTranslations("settings.attributes"),
    messageWords(),
  ]);
  const used = definition.forms.length > 0 || definition.usedOutsideScope;
  return (
    <section className="max-w-2xl space-y-8">
      <p>
        <Link href="/admin/settings/attributes">{ta("allAttributes")}</Link>
      </p>
      <PageHeading>{definition.label}</PageHeading>
      {created ? <Alert tone="success">{t("created")}</Alert> : null}
      {definition.usedOutsideScope ? <Alert tone="info">{word(attributeMessages.outOfScope)}</Alert> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium text-slate-700">{t("code")}</dt>
        <dd>
          <code>{definition.code}</code>
        </dd>
        <dt className="font-medium text-slate-700">{t("usedBy")}</dt>
        <dd>
          {definition.forms.length > 0 ? (
            <ul>
              {definition.forms.map((form) => (
                <li key={`${form.shopId} ${form.customerType}`}>
                  {form.shopName} · {form.customerTypeName} ({form.customerType})
                </li>
              ))}
            </ul>
          ) : definition.usedOutsideScope ? (
            t("onlyOutside")
          ) : (
            t("noForm")
          )}
        </dd>
      </dl>
      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-lg font-semibold">{t("definitionHeading")}</h2>
        <AttributeForm action={updateAttributeAction.bind(null, definition.code)} definition={definition} />
      </section>
      <section aria-labelledby="delete-heading" className="space-y-3">
        <h2 id="delete-heading" className="text-lg font-semibold">{t("deleteHeading")}</h2>
        <p className="text-slate-700">
          {used ? t("cannotDelete") : t("unused")}
        </p>
        <ActionButton {...asking} label={t("delete")} />
      </section>
    </section>
  );
}
