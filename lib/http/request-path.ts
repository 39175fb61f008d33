/** The request header proxy.ts sets to the path and query the person asked for (a client's own value is replaced). */
export const REQUEST_PATH_HEADER = "x-request-path";

/**
 * Where a language switcher may send someone back to: a path on this host, of the storefront, never a scheme, another
 * host ("//evil.example"), a back-slash trick or the back office. Anything else goes to the home page.
 */
export function storefrontReturnPath(path: string | null | undefined): string {
  if (!path || path.length > 2000 || !/^\/(?![/\\])[^\s\\\p{Cc}]*$/u.test(path)) return "/";
  if (/^\/(admin|api|language)(\/|\?|$)/i.test(path)) return "/";
  return path;
}
