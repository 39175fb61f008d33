import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attributeDefinitions, customerTypes, registrationAttributes, shopHosts, shops, type Shop } from "@/db/schema";
import type { ShopBranding } from "@/lib/mail/notifications";
import type { FormAttribute } from "./registration-form";

/** The host name of a Host header, lower-cased and without its port; null when it is not a plausible host. */
export function hostName(hostHeader: string | null | undefined): string | null {
  if (!hostHeader || hostHeader.length > 255) return null;
  const host = hostHeader.trim().toLowerCase();
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0];
  return /^[a-z0-9.\-[\]:]+$/.test(name) ? name : null;
}

export async function findShopByHost(db: Db, hostHeader: string | null | undefined): Promise<Shop | null> {
  const host = hostName(hostHeader);
  if (!host) return null;
  const [row] = await db
    .select({ shop: shops })
    .from(shopHosts)
    .innerJoin(shops, eq(shops.id, shopHosts.shopId))
    .where(eq(shopHosts.host, host));
  return row?.shop ?? null;
}

export function shopBranding(shop: Shop): ShopBranding {
  return { name: shop.name, baseUrl: shop.baseUrl, logoUrl: shop.logoUrl, accentColor: shop.accentColor };
}

export async function selfRegistrationTypes(db: Db, shopId: string): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: customerTypes.code, name: customerTypes.name })
    .from(customerTypes)
    .where(and(eq(customerTypes.shopId, shopId), eq(customerTypes.selfRegistration, true)))
    .orderBy(asc(customerTypes.position), asc(customerTypes.code));
}

export const formAttributeColumns = {
  code: attributeDefinitions.code,
  label: attributeDefinitions.label,
  valueKind: attributeDefinitions.valueKind,
  required: attributeDefinitions.required,
  regex: attributeDefinitions.regex,
  regexMessage: attributeDefinitions.regexMessage,
};

/** Every attribute definition, by label: what a registration form can be built from. */
export async function allAttributeDefinitions(db: Db): Promise<FormAttribute[]> {
  return db.select(formAttributeColumns).from(attributeDefinitions).orderBy(asc(attributeDefinitions.label), asc(attributeDefinitions.code));
}

/** The ordered attribute definitions of a shop's registration form for one customer type (SHOP_CREGATTRS_<TYPE>). */
export async function registrationAttributesOf(db: Db, shopId: string, customerType: string): Promise<FormAttribute[]> {
  return db
    .select(formAttributeColumns)
    .from(registrationAttributes)
    .innerJoin(attributeDefinitions, eq(attributeDefinitions.code, registrationAttributes.attributeCode))
    .where(and(eq(registrationAttributes.shopId, shopId), eq(registrationAttributes.customerType, customerType)))
    .orderBy(asc(registrationAttributes.position));
}
