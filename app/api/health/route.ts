export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers, and the bare route the benchmark divides by: it touches no database, so it answers
 * as long as the process serves requests (the proxy still answers 503 before it while PostgreSQL is down).
 */
export function GET(): Response {
  return Response.json({ status: "ok" });
}
