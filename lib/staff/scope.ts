import { asc, inArray, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shops, type StaffUser } from "@/db/schema";
import { shopScopeMessages } from "./forms";
import { staffProblemCode } from "./staff-messages";

/**
 * The shops a business user works in (SPEC §4 shop scope): null means "All shops". Everything of a shop outside
 * the scope is treated as if it did not exist (404), so pages and actions ask here before they show or change it.
 */
export type ShopScope = string[] | null;

/** The words of describeShopScope where no page gives its own (the English default), and grant refusals as codes. */
export const scopeMessages = {
  allShops: "All shops",
  unknownShops: (codes: string[]) => staffProblemCode("unknownShops", { count: codes.length, codes: codes.join(", ") }),
  cannotGrantAll: staffProblemCode("cannotGrantAll"),
  otherShops: (count: number) => `${count} other shop${count === 1 ? "" : "s"}`,
} as const;

export function shopScope(staff: Pick<StaffUser, "shopIds">): ShopScope {
  return staff.shopIds ?? null;
}

export function inShopScope(scope: ShopScope, shopId: string | null | undefined): boolean {
  if (scope === null) return true;
  return shopId != null && scope.includes(shopId);
}

/** Whether every shop of `inner` is also in `outer` ("All shops" lies only within "All shops"). */
export function withinShopScope(inner: ShopScope, outer: ShopScope): boolean {
  if (outer === null) return true;
  return inner !== null && inner.every((shopId) => outer.includes(shopId));
}

export function sameShopScope(a: ShopScope, b: ShopScope): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && withinShopScope(a, b);
}

/** A WHERE condition confining a shop-id column to the scope; undefined (no condition) for "All shops". */
export function shopScopeCondition(scope: ShopScope, column: SQLWrapper): SQL | undefined {
  if (scope === null) return undefined;
  // An empty scope matches nothing: inArray with no values would be invalid SQL.
  return inArray(column as never, scope.length > 0 ? scope : ["00000000-0000-0000-0000-000000000000"]);
}

/** A shop as forms, the CLI and the log name it: the code is stable (set when the shop is created), the name is shown. */
export type ScopeShop = { id: string; code: string; name: string };

/** The shops within a scope, by name: what a business user may see, filter by and choose from. */
export async function shopsInScope(db: Db, scope: ShopScope): Promise<ScopeShop[]> {
  return db
    .select({ id: shops.id, code: shops.code, name: shops.name })
    .from(shops)
    .where(shopScopeCondition(scope, shops.id))
    .orderBy(asc(shops.name), asc(shops.code));
}

/** A scope as the activity log records it: "all", or the shops' codes (an id whose shop is gone stays an id). */
export function scopeCodes(scope: ShopScope, known: ScopeShop[]): "all" | string[] {
  if (scope === null) return "all";
  return scope.map((shopId) => known.find((shop) => shop.id === shopId)?.code ?? shopId);
}

/** The words describeShopScope uses: English by default, the reader's language where a page gives them. */
export type ShopScopeWords = { allShops: string; otherShops: (count: number) => string };

/** A scope in words for a viewer who sees `visible` shops: names of those, and a count of any others. */
export function describeShopScope(scope: ShopScope, visible: ScopeShop[], words: ShopScopeWords = scopeMessages): string {
  if (scope === null) return words.allShops;
  const names = visible.filter((shop) => scope.includes(shop.id)).map((shop) => shop.name);
  const others = scope.length - names.length;
  return [...names, ...(others > 0 ? [words.otherShops(others)] : [])].join(", ") || "—";
}

/** What a user manager asks to grant: All shops, or the shops of these codes. */
export type ScopeRequest = { all: true } | { all: false; codes: string[] };

/**
 * The scope that a grant gives, or why it cannot: chosen shops must exist and lie within the granter's own scope
 * (a shop outside it is as unknown as one that does not exist), at least one is needed, and only a granter with
 * All shops can grant All shops (the bootstrap and the CLI grant as All shops).
 */
export function grantShopScope(
  granter: ShopScope,
  request: ScopeRequest,
  grantable: ScopeShop[],
): { ok: true; scope: ShopScope } | { ok: false; message: string } {
  if (request.all) return granter === null ? { ok: true, scope: null } : { ok: false, message: scopeMessages.cannotGrantAll };
  const codes = [...new Set(request.codes)];
  if (codes.length === 0) return { ok: false, message: shopScopeMessages.atLeastOne };
  const offered = grantable.filter((shop) => inShopScope(granter, shop.id));
  const unknown = codes.filter((code) => !offered.some((shop) => shop.code === code));
  if (unknown.length > 0) return { ok: false, message: scopeMessages.unknownShops(unknown) };
  return { ok: true, scope: offered.filter((shop) => codes.includes(shop.code)).map((shop) => shop.id) };
}
