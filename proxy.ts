import { NextResponse, type NextRequest } from "next/server";
import { databaseUnavailableResponse } from "@/lib/http/unavailable";

/** Forms are small; anything larger is refused here with a clear page rather than failing inside an action. */
export const MAX_BODY_BYTES = 64 * 1024;

export async function proxy(request: NextRequest): Promise<Response | undefined> {
  const unavailable = await databaseUnavailableResponse();
  if (unavailable) return unavailable;
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

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
