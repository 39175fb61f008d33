import { useLocale, useTranslations } from "next-intl";
import { formatInstant } from "@/i18n/locales";
import type { SignedInDevice } from "@/lib/sessions";
import { ActionButton } from "./action-forms";
import { ConfirmPanel } from "./confirm-dialog";
import { DataTable } from "./data-table";
import type { FormState } from "./form-state";

/**
 * The person's open sessions (no identifiers: SPEC §7), this one marked, and "Sign out everywhere else", which asks
 * first (without JavaScript on the page `confirmHref`).
 */
export function SignedInDevices({
  devices,
  signOutElsewhere,
  confirmHref,
}: {
  devices: SignedInDevice[];
  signOutElsewhere: () => Promise<FormState>;
  confirmHref: string;
}) {
  const t = useTranslations("confirm.devices");
  const text = useTranslations("forms.devices");
  const locale = useLocale();
  return (
    <section aria-labelledby="devices-heading" className="space-y-3">
      <h2 id="devices-heading" className="text-lg font-semibold">
        {text("heading")}
      </h2>
      <p className="text-slate-700">{text("intro")}</p>
      <DataTable
        caption={text("heading")}
        rows={devices.map((device, index) => ({ ...device, key: String(index) }))}
        rowKey={(row) => row.key}
        columns={[
          {
            header: text("browser"),
            cell: (row) => (
              <>
                {row.browser}
                {row.current ? <strong className="ml-2 font-medium text-green-800">{text("thisDevice")}</strong> : null}
              </>
            ),
          },
          { header: text("address"), cell: (row) => row.ip ?? text("unknownAddress") },
          { header: text("signedIn"), cell: (row) => formatInstant(row.createdAt, locale, { dateStyle: "medium" }), nowrap: true },
          { header: text("lastSeen"), cell: (row) => formatInstant(row.lastSeenAt, locale, { dateStyle: "medium" }), nowrap: true },
        ]}
      />
      <ActionButton
        action={signOutElsewhere}
        label={text("button")}
        confirm={{ title: t("title"), description: t("description"), href: confirmHref, tone: "danger" }}
      />
    </section>
  );
}

/** The page that asks "Sign out everywhere else?" without JavaScript. */
export function ConfirmSignOutElsewhere({ signOutElsewhere, back }: { signOutElsewhere: () => Promise<FormState>; back: string }) {
  const t = useTranslations("confirm.devices");
  return <ConfirmPanel confirmation={{ title: t("title"), description: t("description"), tone: "danger" }} action={signOutElsewhere} back={back} />;
}
