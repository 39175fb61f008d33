import { getTranslations } from "next-intl/server";
import { signedInCustomer } from "../auth";
import { requireShop } from "../request";

export default async function HomePage() {
  const shop = await requireShop();
  const customer = await signedInCustomer(shop.id);
  const t = await getTranslations("storefront.home");
  return (
    <section className="space-y-4">
      <h1 className="text-3xl font-semibold">{shop.name}</h1>
      <p className="text-slate-700">
        {customer ? t("welcomeBack", { name: `${customer.firstName} ${customer.lastName}`.trim() || customer.email }) : t("welcome")}
      </p>
    </section>
  );
}
