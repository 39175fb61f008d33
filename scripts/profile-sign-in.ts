// Where a sign-in's CPU goes: `next start` (the bench's production build in .next-bench/) under --cpu-prof on a fresh
// database, the no-JavaScript sign-in form posted by autocannon, then the profile's main-thread CPU per sign-in by
// module. argon2 runs on libuv's thread pool, so the main thread's busy time is what a sign-in costs beside the hash.
//   tsx scripts/profile-sign-in.ts [storefront|admin|page|forgot] [connections=8] [seconds=10] [--no-profile]
// (page: GET /login; forgot: the no-JavaScript forgot-password form, a different known e-mail each time; per request.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { connect, createFreshDatabase } from "../bench/databases";
import { clientAddress, get, hiddenFields, multipart, send } from "../bench/http";
import { load, type LoadRequest } from "../bench/load";
import { cleanUp, freePort, paths, startServer } from "../bench/processes";
import { seedPeople } from "../bench/seed";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function componentOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : `native ${fn}`;
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  if (m) {
    if (m[1] === "next") {
      const rest = m[2];
      const sub = rest.match(/dist\/(compiled\/[^/]+|server\/[^/]+|[^/]+\/[^/]+)/);
      return `next/${sub ? sub[1] : rest}`;
    }
    return m[1];
  }
  if (url.startsWith("node:")) return url;
  if (url.includes(".next-bench/server/")) return `app ${url.split(".next-bench/server/")[1]}`;
  return url;
}

function analyse(file: string, signIns: number, windowMs: number, top: number): void {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  // Only the load's window at the end of the profile: start-up and compilation are not a sign-in's cost.
  const from = profile.endTime - windowMs * 1000;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const components = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") {
      idle += micros;
      continue;
    }
    busy += micros;
    const component = componentOf(url, functionName);
    components.set(component, (components.get(component) ?? 0) + micros);
    const key = `${functionName || "(anonymous)"} ${component}:${lineNumber}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
  }
  const per = (micros: number) => (micros / 1000 / signIns).toFixed(3);
  console.log(`\n${path.basename(file)}: ${(busy / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle; ${signIns} sign-ins`);
  console.log(`main-thread CPU per sign-in: ${per(busy)} ms`);
  console.log("\nms per sign-in by component:");
  for (const [name, micros] of [...components].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${per(micros).padStart(7)}  ${name}`);
  console.log("\nms per sign-in by function (self):");
  for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${per(micros).padStart(7)}  ${name}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const profiling = !args.includes("--no-profile");
  const [realm = "storefront", connections = "8", seconds = "10"] = args.filter((arg) => !arg.startsWith("--"));
  const formPath = realm === "admin" ? "/admin/login" : realm === "forgot" ? "/forgot-password" : "/login";
  const port = await freePort();
  const sinkPort = await freePort();
  await startServer("resend sink", process.execPath, [paths.sink, "--port", String(sinkPort), "--quiet"], { port: sinkPort, env: {}, readyPath: "/_sink/health" });
  const fresh = await createFreshDatabase(`http://localhost:${port}`);
  const sql = connect(fresh.url, 2);
  const people = await seedPeople(sql, { shoppers: 500, staff: 100, resets: realm === "forgot" ? 20_000 : 1 }).finally(() => sql.end());
  const accounts = realm === "admin" ? people.staff : people.shoppers;
  const dir = mkdtempSync(path.join(tmpdir(), "sign-in-prof-"));
  const app = await startServer(
    "next start",
    process.execPath,
    [...(profiling ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []), paths.next, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      port,
      readyPath: "/api/health",
      // Writing a profile of a busy minute takes a while on a loaded machine.
      stopGraceSeconds: 60,
      env: {
        NODE_ENV: "production",
        NEXT_DIST_DIR: process.env.DIST_DIR ?? ".next-bench",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: fresh.url,
        AUTH_SECRET: `profile-${randomBytes(24).toString("hex")}`,
        RESEND_API_KEY: "re_bench",
        RESEND_BASE_URL: `http://127.0.0.1:${sinkPort}`,
        APP_URL: `http://localhost:${port}`,
        EMAIL_FROM: "Storefront Accounts <office@example.com>",
        TRUST_PROXY: "true",
      },
    },
  );
  const page = await get(port, formPath);
  const fields = hiddenFields(page.body, realm === "forgot" ? "email" : "password");
  let n = 0;
  const next = (): LoadRequest => {
    if (realm === "page") {
      n++;
      return { method: "GET", path: "/login" };
    }
    if (realm === "forgot") {
      const { body, contentType } = multipart({ ...fields, email: people.resetEmails[n % people.resetEmails.length] });
      return { method: "POST", path: formPath, body, headers: { "content-type": contentType, origin: `http://localhost:${port}`, "x-forwarded-for": clientAddress(100_000 + n++) } };
    }
    const account = accounts[n % accounts.length];
    const { body, contentType } = multipart({ ...fields, email: account.email, password: account.password });
    return {
      method: "POST" as const,
      path: formPath,
      body,
      headers: { "content-type": contentType, origin: `http://localhost:${port}`, "x-forwarded-for": clientAddress(100_000 + n++) },
    };
  };
  const host = `localhost:${port}`;
  const succeeded = (status: number) => status === (realm === "page" ? 200 : 303);
  const one = next();
  const answer = await send(port, one.method, one.path, one.body ?? null, { headers: { ...one.headers, host } });
  console.log(`one request: ${answer.status}, set-cookie ${JSON.stringify(answer.headers["set-cookie"] ?? [])}, body ${answer.body.length} bytes`);
  const stats = connect(fresh.url, 1);
  const statements = async () =>
    Number((await stats`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`)[0].n);
  const serverPids = [...execFileSync("ss", ["-Hltnp", `sport = :${port}`]).toString().matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
  const backendPids = async () => (await stats`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`).map((row) => Number(row.pid));
  const ticks = (pids: number[]) =>
    pids.reduce((sum, pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        return sum + Number(fields[11]) + Number(fields[12]);
      } catch {
        return sum;
      }
    }, 0);
  const pgPids = await backendPids();
  const cpuBefore = { node: ticks(serverPids), pg: ticks(pgPids) };
  const before = await statements();
  const started = performance.now();
  await load({ port, host, connections: Number(connections), seconds: 2, next, succeeded });
  const result = await load({ port, host, connections: Number(connections), seconds: Number(seconds), next, succeeded });
  console.log(
    `${realm} @${connections}: ${result.perSecond.toFixed(1)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, statuses ${JSON.stringify(result.statuses)}; load ${loadavg().map((value) => value.toFixed(2)).join(" ")}`,
  );
  const windowMs = performance.now() - started;
  const cpuAfter = { node: ticks(serverPids), pg: ticks(pgPids) };
  const hz = 100;
  console.log(
    `CPU per sign-in (from /proc, all threads): next ${((cpuAfter.node - cpuBefore.node) * (1000 / hz) / n).toFixed(2)} ms (hash included), ` +
      `PostgreSQL backends ${((cpuAfter.pg - cpuBefore.pg) * (1000 / hz) / n).toFixed(2)} ms`,
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await statements();
  await stats.end();
  console.log(`database transactions (autocommit statements) per sign-in: ${((after - before - windowMs / 1000 - 1.5) / (n - 1)).toFixed(2)}`);
  await app.stop();
  if (profiling) {
    const files = readdirSync(dir).filter((file) => file.endsWith(".cpuprofile"));
    // The whole process ran warm-up, measurement and start-up; count every sign-in it answered.
    for (const file of files) analyse(path.join(dir, file), n, windowMs, Number(process.env.TOP ?? 30));
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
