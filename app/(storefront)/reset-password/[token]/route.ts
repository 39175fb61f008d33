import { keepToken, leaveTokenUrl } from "../../token-cookie";

/** The e-mailed reset link: keeps its token in a cookie and shows the form at /reset-password. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  await keepToken("reset-token", (await params).token, 3600);
  return leaveTokenUrl("/reset-password");
}
