import type { Metadata } from "next";
import { firstParam } from "@/lib/paging";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { customerStatuses } from "@/db/schema";
import { Badge, StatusBadge } from "@/components/badge";
import { ButtonLink } from "@/components/button-link";
import { DataTable } from "@/components/data-table";
import { PageHeading, SelectField } from "@/components/form";
import { UnknownFilters } from "@/components/notice";
import { getAdminLabels } from "@/components/labels";
import { LiveFilterForm } from "@/components/live-filter-form";
import { hrefWith, KeysetPagination } from "@/components/pagination";
import { createdFilters, searchContacts, shopsWithTypes, signInFilters, SEARCH_MIN_LENGTH } from "@/lib/accounts/contacts";
import { filterText } from "@/lib/activity";
import { shopScope } from "@/lib/staff/scope";
import { requireStaff } from "../../guard";
import { SearchBox } from "./components";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("office.contacts"))("title") };
}

const one = (value: string | string[] | undefined) => firstParam(value).slice(0, 600);

/**
 * Office › Contacts: newest first only — the search's indexes (migration 0012) give that order at a million contacts,
 * so the columns do not sort.
 */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requireStaff("customer_service");
  const scope = shopScope(staff);
  const params = await searchParams;
  const t = await getTranslations("admin.contacts");
  const text = await getTranslations("office.contacts");
  const labels = await getAdminLabels();
  const db = await getDb();
  const shopList = await shopsWithTypes(db, scope);
  const types = [...new Set(shopList.flatMap((shop) => shop.types.map((type) => type.code)))];
  const asked = {
    q: one(params.q),
    shop: filterText(one(params.shop), 80),
    status: filterText(one(params.status), 40),
    type: filterText(one(params.type), 32),
    created: filterText(one(params.created), 40),
    signin: filterText(one(params.signin), 40),
  };
  const choices: Record<Exclude<keyof typeof asked, "q">, { field: string; values: readonly string[] }> = {
    shop: { field: t("shopField"), values: shopList.map((shop) => shop.id) },
    status: { field: t("statusField"), values: customerStatuses },
    type: { field: t("typeField"), values: types },
    created: { field: t("createdField"), values: createdFilters },
    signin: { field: t("signInField"), values: signInFilters },
  };
  // A value that is none of the choices is said to be unknown, and that filter is not applied ("showing all").
  const known = (key: keyof typeof choices) => choices[key].values.includes(asked[key]);
  const unknown = (Object.keys(choices) as (keyof typeof choices)[]).flatMap((key) =>
    asked[key] && !known(key) ? [{ field: choices[key].field, value: asked[key] }] : [],
  );
  const chosen = {
    q: asked.q,
    shop: known("shop") ? asked.shop : "",
    status: known("status") ? asked.status : "",
    type: known("type") ? asked.type : "",
    created: known("created") ? asked.created : "",
    signin: known("signin") ? asked.signin : "",
  };
  const after = one(params.after);
  const page = await searchContacts(
    db,
    { q: chosen.q, shopId: chosen.shop, status: chosen.status, customerType: chosen.type, created: chosen.created, signin: chosen.signin, after },
    scope,
  );
  const filtered = Object.values(chosen).some(Boolean);
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading>{text("heading")}</PageHeading>
        <ButtonLink href="/admin/contacts/new">{text("newContact")}</ButtonLink>
      </div>
      <UnknownFilters problems={unknown} />
      <LiveFilterForm label={t("search")} submitLabel={t("apply")}>
        <SearchBox initial={chosen.q} />
        <SelectField label={text("shop")} name="shop" defaultValue={chosen.shop} anyLabel={text(scope === null ? "allShops" : "allYourShops")} options={shopList.map((shop) => ({ value: shop.id, label: shop.name }))} />
        <SelectField
          label={text("status")}
          name="status"
          defaultValue={chosen.status}
          anyLabel={text("anyStatus")}
          options={customerStatuses.map((status) => ({ value: status, label: labels.customerStatus[status] ?? status }))}
        />
        <SelectField label={text("customerType")} name="type" defaultValue={chosen.type} anyLabel={text("anyType")} options={types.map((type) => ({ value: type, label: type }))} />
        <SelectField
          label={t("created")}
          name="created"
          defaultValue={chosen.created}
          anyLabel={t("createdAny")}
          options={createdFilters.map((value) => ({ value, label: t(`createdOptions.${value}`) }))}
        />
        <SelectField
          label={t("signIn")}
          name="signin"
          defaultValue={chosen.signin}
          anyLabel={t("signInAny")}
          options={signInFilters.map((value) => ({ value, label: t(`signInOptions.${value}`) }))}
        />
      </LiveFilterForm>
      <p role="status" className="text-sm text-slate-700">
        {page.tooShort ? t("tooShort", { min: SEARCH_MIN_LENGTH }) : t("count", { total: page.total, more: page.more ? "more" : "exact" })}
      </p>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        caption={t("caption")}
        empty={
          filtered ? (
            <>
              {t("emptyFiltered")} <Link href="/admin/contacts">{t("clearFilters")}</Link>
            </>
          ) : (
            <>
              {t("empty")} <Link href="/admin/contacts/new">{t("createContact")}</Link>
            </>
          )
        }
        columns={[
          { header: text("columns.email"), cell: (row) => <Link href={`/admin/contacts/${row.id}`} className="break-all">{row.email}</Link> },
          { header: text("columns.name"), cell: (row) => `${row.firstName} ${row.lastName}`.trim() || "—" },
          { header: text("columns.shop"), cell: (row) => row.shopName },
          { header: text("columns.type"), cell: (row) => row.customerType },
          {
            header: text("columns.status"),
            cell: (row) => (
              <span className="flex flex-wrap gap-1">
                <StatusBadge labels={labels.customerStatus} code={row.status} />
                {row.activationProblem ? <Badge tone="amber">{text(`activationProblems.${row.activationProblem}`)}</Badge> : null}
              </span>
            ),
          },
        ]}
      />
      <KeysetPagination
        firstHref={after ? hrefWith("/admin/contacts", chosen) : null}
        nextHref={page.next ? hrefWith("/admin/contacts", { ...chosen, after: page.next }) : null}
      />
    </section>
  );
}
