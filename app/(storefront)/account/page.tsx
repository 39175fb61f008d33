import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { PageHeading } from "@/components/form";
import { SignedInDevices } from "@/components/signed-in-devices";
import { customerDevices } from "@/lib/accounts/sessions";
import { selfRegistrationTypes } from "@/lib/shops";
import { currentCustomer } from "../../auth";
import { requireShop } from "../../request";
import { signOutElsewhereAction } from "./actions";
import { SendResetLinkForm } from "./components";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const shop = await requireShop();
  const context = await currentCustomer(shop.id);
  if (!context) redirect("/login?next=/account");
  const { customer } = context;
  const db = await getDb();
  const types = await selfRegistrationTypes(db, shop.id);
  const typeName = types.find((type) => type.code === customer.customerType)?.name ?? customer.customerType;
  return (
    <section className="max-w-xl space-y-6">
      <PageHeading>My account</PageHeading>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 [&_dd]:break-words">
        <dt className="font-medium text-slate-700">Name</dt>
        <dd>{`${customer.firstName} ${customer.lastName}`.trim() || "—"}</dd>
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>{customer.email}</dd>
        <dt className="font-medium text-slate-700">Customer type</dt>
        <dd>{typeName}</dd>
        {Object.entries(customer.attributes).map(([code, value]) => (
          <div key={code} className="contents">
            <dt className="font-medium capitalize text-slate-700">{code}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          Password
        </h2>
        <p className="text-slate-700">
          To change your password, we e-mail you a link. This way nobody can change it from a computer you left
          signed in.
        </p>
        <SendResetLinkForm />
      </section>
      <SignedInDevices devices={await customerDevices(db, context)} signOutElsewhere={signOutElsewhereAction} confirmHref="/account/confirm/sign-out-elsewhere" />
    </section>
  );
}
