import { useTranslations } from "next-intl";
import type { SignedInDevice } from "@/lib/sessions";
import { ActionButton } from "./action-forms";
import { ConfirmPanel } from "./confirm-dialog";
import { DataTable, formatUtc } from "./data-table";
import type { FormState } from "./form-state";

/** Every word of "Signed-in devices", on My account and on the back office's own page. */
export const devicesText = {
  heading: "Signed-in devices",
  intro: "Each browser where you are signed in. If you do not recognise one, sign out everywhere else.",
  browser: "Browser",
  address: "Address",
  signedIn: "Signed in",
  lastSeen: "Last seen",
  thisDevice: "This device",
  unknownAddress: "Unknown",
  button: "Sign out everywhere else",
  /** What "Sign out everywhere else" did. */
  signedOut: (count: number): string =>
    count === 0 ? "You are not signed in anywhere else." : `Signed out ${count} other ${count === 1 ? "device" : "devices"}.`,
} as const;

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
  return (
    <section aria-labelledby="devices-heading" className="space-y-3">
      <h2 id="devices-heading" className="text-lg font-semibold">
        {devicesText.heading}
      </h2>
      <p className="text-slate-700">{devicesText.intro}</p>
      <DataTable
        caption={devicesText.heading}
        rows={devices.map((device, index) => ({ ...device, key: String(index) }))}
        rowKey={(row) => row.key}
        columns={[
          {
            header: devicesText.browser,
            cell: (row) => (
              <>
                {row.browser}
                {row.current ? <strong className="ml-2 font-medium text-green-800">{devicesText.thisDevice}</strong> : null}
              </>
            ),
          },
          { header: devicesText.address, cell: (row) => row.ip ?? devicesText.unknownAddress },
          { header: devicesText.signedIn, cell: (row) => formatUtc(row.createdAt), nowrap: true },
          { header: devicesText.lastSeen, cell: (row) => formatUtc(row.lastSeenAt), nowrap: true },
        ]}
      />
      <ActionButton
        action={signOutElsewhere}
        label={devicesText.button}
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
