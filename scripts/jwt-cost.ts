import { encode } from "next-auth/jwt";
import { encodeSessionJwt } from "@/lib/sessions/session-jwt";
const claims = { sub: "1f0c4a52-5d7e-4c55-9d43-3f1a2b3c4d5e", email: "ada@example.com", name: "Ada", shopId: "x", sessionId: "c2d6a7e4-1111-4222-8333-944455556666" };
for (const [label, run] of [["next-auth encode", () => encode({ token: claims, secret: "s".repeat(40), salt: "shop.session", maxAge: 60 })], ["encodeSessionJwt", async () => encodeSessionJwt(claims, "s".repeat(40), "shop.session", 60)]] as const) {
  for (let i = 0; i < 200; i++) await run();
  const cpu = process.cpuUsage();
  const n = 2000;
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(cpu);
  console.log(`${label}: ${((used.user + used.system) / n).toFixed(1)} µs CPU each`);
}
