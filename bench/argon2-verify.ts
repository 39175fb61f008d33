// The bare argon2id verify rate: the app's own hash function and parameters (lib/passwords/hash), `connections`
// verifications in flight at once for `seconds`, in a process of its own so that nothing else shares it.
//   tsx bench/argon2-verify.ts <connections> <seconds>   → one JSON line: { perSecond, p50, p99, count }
import { hashPassword, verifyPassword } from "@/lib/passwords/hash";
import { summarise } from "./stats";

export type VerifyRate = { perSecond: number; p50: number; p99: number; count: number; connections: number };

async function measure(connections: number, seconds: number): Promise<VerifyRate> {
  const password = "Correct-horse-battery-staple-42";
  const stored = await hashPassword(password);
  const run = async (until: number, latencies: number[] | null) => {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          const { valid } = await verifyPassword(stored, password);
          if (!valid) throw new Error("verification failed");
          latencies?.push(performance.now() - started);
        }
      }),
    );
  };
  await run(performance.now() + 1000, null); // warm-up: thread pool, caches, CPU clock
  const latencies: number[] = [];
  const started = performance.now();
  await run(started + seconds * 1000, latencies);
  const elapsed = (performance.now() - started) / 1000;
  const { p50, p99, count } = summarise(latencies);
  return { perSecond: count / elapsed, p50, p99, count, connections };
}

const [connections, seconds] = process.argv.slice(2).map(Number);
if (!Number.isInteger(connections) || connections < 1 || !(seconds > 0)) {
  console.error("Usage: tsx bench/argon2-verify.ts <connections> <seconds>");
  process.exit(2);
}
measure(connections, seconds).then(
  (rate) => {
    process.stdout.write(`${JSON.stringify(rate)}\n`);
  },
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
