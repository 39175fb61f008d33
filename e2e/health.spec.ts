import { demoShop, expect, test } from "./fixtures";

/** The liveness endpoint for load balancers, and the bare route `npm run bench` divides by (SPEC §8). */
test("GET /api/health answers 200 {status: ok} on every request, with the security headers of every answer", async ({ request }) => {
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await request.get(`${demoShop.origin}/api/health`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["cache-control"] ?? "").not.toMatch(/s-maxage|public/);
  }
});
