import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

type StorefrontKey = Parameters<Awaited<ReturnType<typeof getTranslations<"storefront">>>>[0];

/** A storefront page's generateMetadata: its title from the request's catalogue (storefront.json). */
export function titleFrom(key: StorefrontKey): () => Promise<Metadata> {
  return async () => ({ title: (await getTranslations("storefront"))(key) });
}
