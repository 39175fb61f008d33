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
 * The client's address for the activity log. Forwarding headers are only believed when TRUST_PROXY is set;
 * otherwise Next.js fills x-forwarded-for from the socket when the client sent none.
 */
export async function clientAddress(): Promise<string | null> {
  const forwarded = (await headers()).get("x-forwarded-for");
  if (!forwarded) return null;
  const entries = forwarded.split(",").map((entry) => entry.trim()).filter(Boolean);
  const address = getEnv().trustProxy ? entries[0] : entries.at(-1);
  return address ? address.slice(0, 64) : null;
}
