import { signedInCustomer } from "../auth";
import { requireShop } from "../request";

export default async function HomePage() {
  const shop = await requireShop();
  const customer = await signedInCustomer(shop.id);
  return (
    <section className="space-y-4">
      <h1 className="text-3xl font-semibold">{shop.name}</h1>
      <p className="text-slate-700">
        {customer
          ? `Welcome back, ${`${customer.firstName} ${customer.lastName}`.trim() || customer.email}.`
          : "Welcome! Sign in to your account, or create one to get started."}
      </p>
    </section>
  );
}
