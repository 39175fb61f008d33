import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type AddressInfo, type Server, type Socket } from "node:net";
import type { APIRequestContext, Page } from "@playwright/test";
import { appEnv } from "./app-env";
import { expect, newShopper, test } from "./fixtures";

/**
 * Issue 10, defect 8: while PostgreSQL cannot be reached, pages and forms answer 503 with Retry-After within seconds,
 * nothing is half written, and the app recovers by itself. A second instance of the production build runs here
 * against the suite's database through a TCP relay that the test cuts (the machine's PostgreSQL keeps running).
 */

/** A TCP relay to PostgreSQL: `cut` drops every connection and then refuses new ones, or accepts them and stays silent. */
class DatabaseLink {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private mode: "open" | "stalled" = "open";
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.mode = "open";
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === "stalled") return;
    const upstream = this.track(connect(this.target.port, this.target.host));
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    return socket;
  }

  private dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** As a stopped server: open connections end, new ones are refused. */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** As an unreachable server: open connections end, new ones are accepted and never answered. */
  stall(): void {
    this.mode = "stalled";
    this.dropAll();
  }

  async restore(): Promise<void> {
    this.dropAll();
    if (this.server) this.mode = "open";
    else await this.open();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const databaseUrl = new URL(process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const link = new DatabaseLink({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
let app: ChildProcess | undefined;
let origin = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  await link.open();
  const relayed = new URL(databaseUrl);
  relayed.hostname = "127.0.0.1";
  relayed.port = String(link.port);
  const port = await freePort();
  origin = `http://localhost:${port}`;
  app = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...process.env, ...appEnv(), DATABASE_URL: relayed.toString() },
    detached: true,
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await request.get(`${origin}/login`, { timeout: 5_000 }).catch(() => null))?.status(), { timeout: 90_000 })
    .toBe(200);
});

test.afterAll(async () => {
  if (app?.pid) process.kill(-app.pid, "SIGTERM");
  await link.refuse();
});

/** Requests sent the very instant connections drop may still be on their way; the outage is what comes after. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

async function timedGet(request: APIRequestContext, path: string) {
  const started = Date.now();
  const response = await request.get(`${origin}${path}`, { timeout: 20_000, maxRedirects: 0 });
  return { response, ms: Date.now() - started };
}

async function expectUnavailable(request: APIRequestContext, path: string, withinMs: number): Promise<void> {
  const { response, ms } = await timedGet(request, path);
  expect(response.status()).toBe(503);
  expect(response.headers()["retry-after"]).toBe("5");
  expect(await response.text()).toContain("Temporarily unavailable");
  expect(ms).toBeLessThan(withinMs);
}

async function expectRecovered(request: APIRequestContext): Promise<void> {
  await expect.poll(async () => (await timedGet(request, "/")).response.status(), { timeout: 15_000, intervals: [250] }).toBe(200);
}

/** Opens and fills the registration form (while the database answers); submitting it is a plain form post. */
async function fillRegistration(page: Page, email: string): Promise<void> {
  const shopper = { ...newShopper("outage"), email };
  await page.goto(`${origin}/register`);
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("First name").fill(shopper.firstName);
  await page.getByLabel("Last name").fill(shopper.lastName);
  await page.getByLabel("Password", { exact: true }).fill(shopper.password);
  await page.getByLabel("Confirm password").fill(shopper.password);
}

test("a stopped database: pages and forms answer 503 with Retry-After at once, nothing is written, and it recovers", async ({
  browser,
  request,
  sql,
}) => {
  const email = newShopper("outage").email;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await fillRegistration(page, email);

  await link.refuse();
  await settle();
  await expectUnavailable(request, "/", 2_000);
  await expectUnavailable(request, "/admin/login", 1_000);
  const [posted] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Create account" }).click(),
  ]);
  expect(posted.status()).toBe(503);
  expect(posted.headers()["retry-after"]).toBe("5");
  await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();

  await link.restore();
  await expectRecovered(request);
  expect(await sql`select 1 from customers where email = ${email}`).toHaveLength(0);
  expect(await sql`select 1 from activity_log where email = ${email}`).toHaveLength(0);

  // The same form works again once the database is back.
  await fillRegistration(page, email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect.poll(async () => (await sql`select 1 from customers where email = ${email}`).length).toBe(1);
  await context.close();
});

test("with JavaScript, a form sent during the outage says nothing was saved, and Try again works once it is back", async ({ page, request, sql }) => {
  const email = newShopper("outage-js").email;
  await fillRegistration(page, email);
  await link.refuse();
  await settle();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await expect(page.getByText("nothing was saved")).toBeVisible();

  await link.restore();
  await expectRecovered(request);
  expect(await sql`select 1 from customers where email = ${email}`).toHaveLength(0);
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Create account", level: 1 })).toBeVisible();
});

test("an unreachable database (connections hang): 503 within the connect timeout, then at once, and it recovers", async ({ request }) => {
  expect((await timedGet(request, "/")).response.status()).toBe(200);
  link.stall();
  await settle();
  await expectUnavailable(request, "/", 4_000);
  await expectUnavailable(request, "/login", 1_000);
  await link.restore();
  await expectRecovered(request);
  expect((await timedGet(request, "/login")).response.status()).toBe(200);
});
