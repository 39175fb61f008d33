import { keepResetToken } from "../reset-cookie";

/** The e-mailed link: keeps its token in a cookie and shows the form at /reset-password (see reset-cookie.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  await keepResetToken((await params).token, 3600);
  return new Response(null, {
    status: 303,
    headers: { Location: "/reset-password", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}
