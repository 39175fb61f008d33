import "server-only";
import { getTranslations } from "next-intl/server";
import { englishMessages } from "@/i18n/messages";
import type { FormAttribute } from "@/lib/shops/registration-form";

const english = englishMessages.storefront.shopDefaults;
type AttributeCode = keyof typeof english.attributes;
type TypeCode = keyof typeof english.customerTypes;

/**
 * A shop's own words (attribute labels, its password rule, customer type names) are shown as its staff typed them;
 * those still as seeded — the English catalogue's — are shown in the page's language instead (SPEC §9).
 */
export async function shopWords() {
  const t = await getTranslations("storefront.shopDefaults");
  const unchanged = <K extends string>(table: Record<K, string>, code: string, stored: string): code is K =>
    Object.hasOwn(table, code) && table[code as K] === stored;
  return {
    attribute: <A extends FormAttribute>(attribute: A): A => ({
      ...attribute,
      label: unchanged<AttributeCode>(english.attributes, attribute.code, attribute.label) ? t(`attributes.${attribute.code}`) : attribute.label,
      regexMessage: attribute.regexMessage === english.passwordRule ? t("passwordRule") : attribute.regexMessage,
    }),
    typeName: (code: string, name: string): string => (unchanged<TypeCode>(english.customerTypes, code, name) ? t(`customerTypes.${code}`) : name),
  };
}
