import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, newNonce, referrerPolicy, STRICT_TRANSPORT_SECURITY, wantsStrictTransport } from "@/lib/http/security-headers";
import { databaseUnavailableResponse } from "@/lib/http/unavailable";

/** Forms are small; anything larger is refused here with a clear page rather than failing inside an action. */
export const MAX_BODY_BYTES = 64 * 1024;

export async function proxy(request: NextRequest): Promise<Response> {
  const security = securityHeaders(request);
  const early = (await databaseUnavailableResponse()) ?? refuseOversizedBody(request);
  return withSecurityHeaders(early ?? NextResponse.next({ request: { headers: security.requestHeaders } }), security);
}

function refuseOversizedBody(request: NextRequest): NextResponse | undefined {
  if (request.method !== "POST") return undefined;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (!(length > MAX_BODY_BYTES)) return undefined;
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too much data</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.5rem">
<h1>What you sent is too large</h1>
<p>Nothing was saved. Please go back, shorten what you typed, and try again.</p>
</body></html>`;
  return new NextResponse(page, { status: 413, headers: { "content-type": "text/html; charset=utf-8" } });
}

type SecurityHeaders = { requestHeaders: Headers; responseHeaders: Record<string, string> };

/**
 * This request's Content-Security-Policy with a fresh nonce (issue 10, defect 7), its Referrer-Policy (set here because
 * a header from here replaces one a route sets itself), and HSTS where we are served over https. Next.js reads the
 * policy from the request to put the nonce on its own scripts (x-nonce is for ours).
 */
function securityHeaders(request: NextRequest): SecurityHeaders {
  const env = getEnv();
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, development: !env.production, pathname: request.nextUrl.pathname });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const responseHeaders: Record<string, string> = {
    "content-security-policy": policy,
    "referrer-policy": referrerPolicy(request.nextUrl.pathname),
  };
  const forwardedProto = request.headers.get("x-forwarded-proto");
  if (wantsStrictTransport({ appUrl: env.appUrl, trustProxy: env.trustProxy, forwardedProto })) {
    responseHeaders["strict-transport-security"] = STRICT_TRANSPORT_SECURITY;
  }
  return { requestHeaders, responseHeaders };
}

/** Every answer carries them, the proxy's own early ones included. */
function withSecurityHeaders(response: Response, { responseHeaders }: SecurityHeaders): Response {
  for (const [name, value] of Object.entries(responseHeaders)) response.headers.set(name, value);
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
