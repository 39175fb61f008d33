import { NextResponse, type NextRequest } from "next/server";
import {
  MAX_BODY_BYTES,
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

export async function proxy(request: NextRequest): Promise<NextResponse | undefined> {
  const refusal = malformedRequest(request) ?? (await unreadableBody(request));
  return refusal ? refuse(refusal, request.method) : undefined;
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
 * A POST body larger than a form (with a Content-Length, or sent chunked without one), or one that would fail to be
 * read: multipart data that does not parse, a server action's arguments that are not what React sends.
 */
async function unreadableBody(request: NextRequest): Promise<Refusal | null> {
  if (request.method !== "POST") return null;
  const length = request.headers.get("content-length");
  if (Number(length ?? "0") > MAX_BODY_BYTES) return refusals.tooLarge;
  const contentType = request.headers.get("content-type") ?? "";
  const action = request.headers.has("next-action");
  if (length !== null && !action && !/^multipart\//i.test(contentType)) return null;
  const bytes = await readBounded(request.body, MAX_BODY_BYTES);
  if (!bytes) return refusals.tooLarge;
  return (await readableBody(bytes, contentType, action)) ? null : refusals.notAForm;
}

function refuse(refusal: Refusal, method: string): NextResponse {
  console.warn(refusalLogLine(refusal, method));
  const body = method.toUpperCase() === "HEAD" ? null : refusalPage(refusal);
  return new NextResponse(body, { status: refusal.status, headers: refusalHeaders(refusal) });
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
