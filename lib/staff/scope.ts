import { inArray, type SQL, type SQLWrapper } from "drizzle-orm";
import type { StaffUser } from "@/db/schema";

/**
 * The shops a business user works in (SPEC §4 shop scope): null means "All shops". Everything of a shop outside
 * the scope is treated as if it did not exist (404), so pages and actions ask here before they show or change it.
 */
export type ShopScope = string[] | null;

export function shopScope(staff: Pick<StaffUser, "shopIds">): ShopScope {
  return staff.shopIds ?? null;
}

export function inShopScope(scope: ShopScope, shopId: string | null | undefined): boolean {
  if (scope === null) return true;
  return shopId != null && scope.includes(shopId);
}

/** A WHERE condition confining a shop-id column to the scope; undefined (no condition) for "All shops". */
export function shopScopeCondition(scope: ShopScope, column: SQLWrapper): SQL | undefined {
  if (scope === null) return undefined;
  // An empty scope matches nothing: inArray with no values would be invalid SQL.
  return inArray(column as never, scope.length > 0 ? scope : ["00000000-0000-0000-0000-000000000000"]);
}
