import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Shop } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { findShopByHost } from "@/lib/shops";

/** The shop this request's host belongs to, or null (SPEC §2: never another shop's). */
export const requestShop = cache(async (): Promise<Shop | null> => {
  const host = (await headers()).get("host");
  return findShopByHost(await getDb(), host);
});

export async function requireShop(): Promise<Shop> {
  return (await requestShop()) ?? notFound();
}

/**
 * The client's address, for the activity log and the per-address limits. Only known behind a proxy we trust
 * (TRUST_PROXY): it is the last X-Forwarded-For entry, the one our proxy appended or set. Without one the header
 * is ignored, because Next.js keeps whatever a client sent in it; per-account limits apply either way.
 */
export async function clientAddress(): Promise<string | null> {
  if (!getEnv().trustProxy) return null;
  const forwarded = (await headers()).get("x-forwarded-for") ?? "";
  const address = forwarded.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1);
  return address ? address.slice(0, 64) : null;
}
