import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import {
  contentSecurityPolicy,
  mustNotBeStored,
  newNonce,
  referrerPolicy,
  STRICT_TRANSPORT_SECURITY,
  wantsStrictTransport,
} from "@/lib/http/security-headers";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { databaseUnavailableResponse } from "@/lib/http/unavailable";
import {
  maxBodyBytes,
  methodAllowed,
  readableBody,
  readableUrl,
  readBounded,
  refusalHeaders,
  refusalLogLine,
  refusalPage,
  refusals,
  validHost,
  type Refusal,
} from "@/lib/http/request-guard";

export async function proxy(request: NextRequest): Promise<Response> {
  const security = securityHeaders(request);
  const early = await earlyAnswer(request);
  return withSecurityHeaders(early ?? NextResponse.next({ request: { headers: security.requestHeaders } }), security);
}

/** A request no page can answer is refused first; then, while the database does not answer, a 503 (defect 8). */
async function earlyAnswer(request: NextRequest): Promise<Response | undefined> {
  const refusal = malformedRequest(request) ?? (await unreadableBody(request));
  if (refusal) return refuse(refusal, request.method);
  return databaseUnavailableResponse();
}

/** Methods, hosts and paths that no page can answer (issue 10, defect 5). */
function malformedRequest(request: NextRequest): Refusal | null {
  if (!methodAllowed(request.method)) return refusals.method;
  const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  for (const host of [request.headers.get("host"), forwardedHost]) {
    if (host !== undefined && host !== null && !validHost(host)) return refusals.host;
  }
  if (!readableUrl(request.nextUrl.pathname, request.nextUrl.search)) return refusals.path;
  return null;
}

/**
 * A POST body larger than its limit (a form's hard cap, or the smaller one of other bodies; with a Content-Length, or
 * sent chunked without one), or one that would fail to be read: multipart data that does not parse, a server
 * action's arguments that are not what React sends.
 */
async function unreadableBody(request: NextRequest): Promise<Refusal | null> {
  if (request.method !== "POST") return null;
  const length = request.headers.get("content-length");
  const contentType = request.headers.get("content-type") ?? "";
  const limit = maxBodyBytes(contentType);
  if (Number(length ?? "0") > limit) return refusals.tooLarge;
  const action = request.headers.has("next-action");
  if (length !== null && !action && !/^multipart\//i.test(contentType)) return null;
  const bytes = await readBounded(request.body, limit);
  if (!bytes) return refusals.tooLarge;
  return (await readableBody(bytes, contentType, action)) ? null : refusals.notAForm;
}

function refuse(refusal: Refusal, method: string): NextResponse {
  console.warn(refusalLogLine(refusal, method));
  const body = method.toUpperCase() === "HEAD" ? null : refusalPage(refusal);
  return new NextResponse(body, { status: refusal.status, headers: refusalHeaders(refusal) });
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
  const policy = contentSecurityPolicy({ nonce, development: !env.production });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  // Always ours, never the client's: which area the request is for (its language comes from there) and where a
  // language switcher returns to.
  requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 2000));
  const responseHeaders: Record<string, string> = {
    "content-security-policy": policy,
    "referrer-policy": referrerPolicy(request.nextUrl.pathname),
  };
  if (mustNotBeStored(request.nextUrl.pathname)) responseHeaders["cache-control"] = "no-store";
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
