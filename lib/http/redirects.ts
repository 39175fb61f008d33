/** A base that only serves to resolve a candidate the way a browser resolves a `Location` header. */
const DUMMY_ORIGIN = "http://x.invalid";
const MAX_LENGTH = 512;

/** Printable ASCII only: no control characters (browsers strip tabs and newlines), nothing beyond ASCII. */
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
/** What a browser (or a proxy decoding once more) reads as scheme-relative: `//host` or `/\host`. */
const SCHEME_RELATIVE = /^\/[/\\]/;
const CONTROL_OR_BACKSLASH = /[\\\u0000-\u001f\u007f-\u009f]/;

/**
 * A same-origin path to go to after sign-in, or the fallback: never another origin (SPEC §7).
 *
 * The candidate must be a path (`/…`) of printable ASCII without backslashes. It is resolved with the WHATWG URL
 * parser, which removes dot segments (`/.//x`, `/%2e//x`, `/a/..//x` all become `//x`) exactly as a browser will;
 * the normalised `pathname + search + hash` is returned only when it stays on the same origin and cannot itself be
 * read as scheme-relative, neither as it is nor once percent-decoded and NFKC-normalised (`/%2F/x`, `/%EF%BC%8F/x`).
 */
export function safeRedirectPath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== "string" || candidate.length > MAX_LENGTH) return fallback;
  if (!candidate.startsWith("/") || !PRINTABLE_ASCII.test(candidate) || candidate.includes("\\")) return fallback;
  let url: URL;
  let decodedPath: string;
  try {
    url = new URL(candidate, DUMMY_ORIGIN);
    decodedPath = decodeURIComponent(url.pathname).normalize("NFKC");
  } catch {
    return fallback;
  }
  if (url.origin !== DUMMY_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || SCHEME_RELATIVE.test(path)) return fallback;
  if (SCHEME_RELATIVE.test(decodedPath) || CONTROL_OR_BACKSLASH.test(decodedPath)) return fallback;
  return path;
}
