import { forwardedHttps } from "./cookies";

/**
 * Response headers that protect every page (issue 10, defect 7). The Content-Security-Policy carries a fresh nonce
 * per request, so it is built by the proxy; the headers that never change are set in next.config.ts.
 */

/** Browser features no page of ours uses: nobody can turn them on, not even a framed or injected script. */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** The pages that live beside the e-mailed token links; any other segment there is a token (SPEC §7). */
const TOKEN_LINK = /^\/(?:activate\/(?!(?:done|invalid|set-password)$)|reset-password\/(?!done$))[^/]+$/;

/**
 * Ordinary pages tell other sites our origin only. Token links and the local mailbox (which lists e-mailed links)
 * tell nobody anything, not even the page they redirect to. This header replaces any a route sets itself, so the
 * token links are named here; the pages that hold their forms keep the ordinary policy, because a no-referrer page
 * posts with `Origin: null`, which the cross-site check refuses.
 */
export function referrerPolicy(pathname: string): string {
  return isMailbox(pathname) || TOKEN_LINK.test(pathname) ? "no-referrer" : "strict-origin-when-cross-origin";
}

function isMailbox(pathname: string): boolean {
  return pathname === "/dev/mailbox" || pathname.startsWith("/dev/mailbox/");
}

/**
 * The second-factor pages show an authenticator key or recovery codes, and their answers carry them: no cache, in the
 * browser or on the way, may keep a copy (SPEC §10).
 */
export function mustNotBeStored(pathname: string): boolean {
  return pathname === "/admin/second-factor" || pathname.startsWith("/admin/second-factor/");
}

export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** 128 bits from the CSPRNG, base64: what a CSP nonce needs to be unguessable. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

type PolicyInput = {
  nonce: string;
  /** `next dev`: React's debugging needs eval, and the dev overlay injects styles without the nonce. */
  development: boolean;
};

/**
 * The Content-Security-Policy of one response. Scripts run only with this response's nonce, or when loaded by a
 * script that has it ('strict-dynamic': Next.js loads its chunks that way); no inline script without it, no eval in
 * production. Style elements need the nonce too; style attributes stay allowed (`style-src-attr`), because pages
 * set the shop's accent colour and e-mail previews are styled that way, and a style attribute cannot run code.
 * Images may come from any https host: each shop's logo (Settings › Shops takes https URLs only) is shown on its
 * storefront and in its e-mails, which the local mailbox previews. Forms post only to our own origin, nothing may
 * frame us, and plugins and `<base>` are off.
 */
export function contentSecurityPolicy({ nonce, development }: PolicyInput): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * HSTS only where the deployment is served over https: the configured APP_URL says so, or the request came over
 * https through a proxy we trust (TRUST_PROXY; otherwise X-Forwarded-Proto is whatever a client wrote).
 */
export function wantsStrictTransport(input: { appUrl: string; trustProxy: boolean; forwardedProto: string | null }): boolean {
  if (input.appUrl.startsWith("https://")) return true;
  return input.trustProxy && forwardedHttps(input.forwardedProto);
}
