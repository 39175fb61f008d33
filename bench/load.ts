// Throughput under load with autocannon's programmatic API: `connections` keep-alive connections for `seconds`,
// each request made fresh by `next` (a different account, address or body every time).
import autocannon from "autocannon";
import { summarise } from "./stats";

export type LoadRequest = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: Buffer };

export type LoadResult = {
  connections: number;
  seconds: number;
  /** Answers that `succeeded` accepted, per second of the run. */
  perSecond: number;
  /** Latencies of the accepted answers (ms). */
  p50: number;
  p99: number;
  answers: number;
  /** Answers per status code, and connection errors and timeouts. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
};

export async function load(options: {
  port: number;
  host: string;
  connections: number;
  seconds: number;
  next: (n: number) => LoadRequest;
  succeeded: (status: number) => boolean;
}): Promise<LoadResult> {
  let n = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let finish: (error: Error | null, result: autocannon.Result) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const settings: autocannon.Options = {
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    headers: { host: options.host },
    requests: [
      {
        setupRequest: (request) => {
          const made = options.next(n++);
          return { ...request, method: made.method, path: made.path, body: made.body, headers: { host: options.host, ...made.headers } };
        },
      },
    ],
  };
  const instance = autocannon(settings, (error, result) => finish(error, result));
  instance.on("response", (_client, status, _bytes, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (options.succeeded(status)) latencies.push(ms);
  });
  const result = await finished;
  const { p50, p99, count } = summarise(latencies);
  return {
    connections: options.connections,
    seconds: result.duration,
    perSecond: count / result.duration,
    p50,
    p99,
    answers: Object.values(statuses).reduce((sum, value) => sum + value, 0),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
