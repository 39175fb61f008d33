import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Shop } from "@/db/schema";
import { forwardedHttps } from "@/lib/http/cookies";
import { getEnv } from "@/lib/env";
import type { SessionClient } from "@/lib/sessions";
import { findShopByHost } from "@/lib/shops";

/**
 * The host the person addressed. Next.js sets X-Forwarded-Host from Host on every request that lacks it and keeps
 * it when it renders the page a server action redirected to, through an internal fetch whose own Host is the
 * server's (that fetch showed the Demo Shop on classic.localhost). Next.js reads it first for its own origin
 * check; so do we. A client that sets it chooses no more than it could with Host itself.
 */
export const requestHost = cache(async (): Promise<string | null> => {
  const all = await headers();
  const forwarded = all.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || all.get("host");
});

/** The shop this request's host belongs to, or null (SPEC §2: never another shop's). */
export const requestShop = cache(async (): Promise<Shop | null> => {
  // The host first: reading headers makes the page dynamic before anything touches the database at build time.
  const host = await requestHost();
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

/** Whether this request came over https (as Next.js or the proxy in front set X-Forwarded-Proto): cookies follow it. */
export async function requestIsHttps(): Promise<boolean> {
  return forwardedHttps((await headers()).get("x-forwarded-proto"));
}

/** The client as a new session records it: its address (as above) and its User-Agent header. */
export async function requestClient(): Promise<SessionClient> {
  return { ip: await clientAddress(), userAgent: (await headers()).get("user-agent") };
}
