import type { Metadata } from "next";
import { timeFormatter } from "@/app/words";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CodedLabel } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { PageHeading, SelectField } from "@/components/form";
import { UnknownFilters } from "@/components/notice";
import { getAdminLabels } from "@/components/labels";
import { LiveFilterForm } from "@/components/live-filter-form";
import { hrefWith, KeysetPagination } from "@/components/pagination";
import { activityActions, activityPeriods, filterText, isActivityPeriod, pageActivity } from "@/lib/activity";
import { labelOf } from "@/lib/labels";
import { parseSort, firstParam, textOrder } from "@/lib/paging";
import { requireStaff } from "../../guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.activity"))("heading") };
}

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const formatTime = await timeFormatter();
  const { staff } = await requireStaff(["user_manager", "shop_admin"]);
  const params = await searchParams;
  const t = await getTranslations("admin.activity");
  const labels = await getAdminLabels();
  const person = filterText(firstParam(params.person), 200);
  const asked = filterText(firstParam(params.action), 100);
  const sort = parseSort(params, ["time"], { key: "time", dir: "desc" });
  const db = await getDb();
  const seen = await activityActions(db, staff);
  // An action the log has never held and the catalogue does not know is shown as such, and the list is not filtered.
  const unknownAction = asked && !seen.includes(asked) && !labelOf(labels.activityAction, asked).known ? asked : "";
  const action = unknownAction ? "" : asked;
  const askedWithin = filterText(firstParam(params.within), 40);
  const within = isActivityPeriod(askedWithin) ? askedWithin : undefined;
  const unknownWithin = askedWithin && !within ? askedWithin : "";
  const page = await pageActivity(db, staff, { person, action, within, order: sort.dir === "asc" ? "oldest" : "newest", after: firstParam(params.after) });
  const kept = { person, action, within: within ?? "", sort: sort.dir === "asc" ? "time" : "", dir: sort.dir === "asc" ? "asc" : "" };
  const order = textOrder(await getLocale());
  const options = [...new Set([...seen, ...(action ? [action] : [])])]
    .map((code) => ({ value: code, label: labelOf(labels.activityAction, code).text }))
    .sort((a, b) => order.compare(a.label, b.label));
  const filtered = Boolean(person || action || within);
  return (
    <section className="space-y-6">
      <PageHeading>{t("heading")}</PageHeading>
      <UnknownFilters
        problems={[
          ...(unknownAction ? [{ field: t("actionField"), value: unknownAction }] : []),
          ...(unknownWithin ? [{ field: t("withinField"), value: unknownWithin }] : []),
        ]}
      />
      <LiveFilterForm label={t("filterLabel")} submitLabel={t("filter")}>
        <div className="space-y-1">
          <label htmlFor="person" className="block text-sm font-medium">
            {t("person")}
          </label>
          <input id="person" name="person" type="search" defaultValue={person} autoComplete="off" className="w-72 max-w-full rounded-md border border-slate-400 px-3 py-2" />
        </div>
        <SelectField label={t("action")} name="action" defaultValue={action} anyLabel={t("allActions")} options={options} />
        <SelectField
          label={t("within")}
          name="within"
          defaultValue={within ?? ""}
          anyLabel={t("withinAny")}
          options={(Object.keys(activityPeriods) as (keyof typeof activityPeriods)[]).map((value) => ({ value, label: t(`withinOptions.${value}`) }))}
        />
        {kept.sort ? <input type="hidden" name="sort" value={kept.sort} /> : null}
        {kept.dir ? <input type="hidden" name="dir" value={kept.dir} /> : null}
      </LiveFilterForm>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        caption={sort.dir === "asc" ? t("captionOldest") : t("captionNewest")}
        empty={
          filtered ? (
            <>
              {t("emptyFiltered")} <Link href="/admin/activity">{t("showAll")}</Link>
            </>
          ) : (
            t("empty")
          )
        }
        sort={{ key: sort.key, dir: sort.dir, href: (_key, dir) => hrefWith("/admin/activity", { person, action, within, ...(dir === "asc" ? { sort: "time", dir } : {}) }) }}
        columns={[
          { header: t("columns.time"), cell: (row) => formatTime(row.at, { seconds: true }), nowrap: true, sortKey: "time" },
          { header: t("columns.action"), cell: (row) => <CodedLabel labels={labels.activityAction} code={row.action} /> },
          { header: t("columns.by"), cell: (row) => <span className="break-all">{row.actorEmail ?? row.actorType}</span> },
          { header: t("columns.concerning"), cell: (row) => <span className="break-all">{row.email ?? "—"}</span> },
          { header: t("columns.address"), cell: (row) => row.ip ?? "—" },
        ]}
      />
      <KeysetPagination
        firstHref={firstParam(params.after) ? hrefWith("/admin/activity", kept) : null}
        nextHref={page.next ? hrefWith("/admin/activity", { ...kept, after: page.next }) : null}
      />
    </section>
  );
}
