import { getTranslations } from "next-intl/server";
import type { ShopScopeWords } from "@/lib/staff/scope";

/** "All shops" and "2 other shops" in the request's language, for describeShopScope. */
export async function shopScopeWords(): Promise<ShopScopeWords> {
  const t = await getTranslations("users.scope");
  return { allShops: t("allShops"), otherShops: (count) => t("otherShops", { count }) };
}
