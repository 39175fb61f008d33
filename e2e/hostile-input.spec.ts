import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { request as playwrightRequest, type APIRequestContext, type APIResponse, type BrowserContext, type Page } from "@playwright/test";
import type postgres from "postgres";
import { appPort, serverLog } from "./app-env";
import { activationEmail, activeShopper, classicShop, demoShop, expect, linkTo, newShopper, newStaff, register, shopUrl, signIn, test, uniqueEmail } from "./fixtures";
import { createContact } from "./pages";
import { waitForEmail } from "./sink";

/**
 * Issue 10, defect 5: malformed and hostile requests answered HTTP 500 (22 cases of an audit). Every form and token
 * route of the application gets the same hostile inputs, found from the forms' own HTML (their hidden $ACTION
 * fields, as a browser without JavaScript posts them): no response is 5xx or shows a stack trace, each says what
 * went wrong, nothing of it is stored, and the server's log never holds what was sent.
 */

/** In every value that must be refused: it must appear nowhere in the database. */
const REFUSED = `hxr${randomBytes(4).toString("hex")}`;
/** In markup and SQL-like text, which a free-text field may keep as typed: never logged, never echoed unescaped. */
const FREE = `hxf${randomBytes(4).toString("hex")}`;
const SCRIPT = `<script>alert("${FREE}")</script>`;

type Sql = ReturnType<typeof postgres>;

/** A form's $ACTION fields (kept as they are), the names of everything else it posts, and the button a browser sends. */
type HtmlForm = { actionId: string | null; bound: unknown[] | null; hidden: [string, string][]; fields: string[]; button: [string, string] | null };

const entities: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };
const decode = (text: string) => text.replace(/&(quot|amp|#x27|#39|lt|gt);/g, (entity) => entities[entity]);

function attributesOf(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:$-]+)="([^"]*)"/g)].map(([, name, value]) => [name, decode(value)]));
}

/**
 * The server-action forms of a page as its HTML has them. Every field a person or a forged request can change gets
 * the hostile value, hidden ones included; the last button (the form's main one, e.g. "Save form") is sent as is.
 */
function formsOf(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)]
    .map(([form]) => {
      const hidden: [string, string][] = [];
      const fields = new Set<string>();
      let button: [string, string] | null = null;
      for (const [tag, kind] of form.matchAll(/<(input|select|textarea|button)\b[^>]*>/g)) {
        const { name, value } = attributesOf(tag);
        if (kind === "button") button = name ? [name, value ?? ""] : null;
        else if (!name) continue;
        else if (name.startsWith("$ACTION")) hidden.push([name, value ?? ""]);
        else fields.add(name);
      }
      const idField = hidden.find(([name]) => name.startsWith("$ACTION_ID_"))?.[0].slice("$ACTION_ID_".length);
      const stateful = hidden.find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
      const reference = stateful ? (JSON.parse(stateful) as { id: string; bound: unknown }) : null;
      const actionId = idField ?? reference?.id ?? null;
      // The arguments a page bound to its action (a user's id, a shop's code) travel in the next $ACTION field;
      // useActionState (its $ACTION_KEY) binds the form's state after them.
      const boundField = hidden.find(([name]) => /^\$ACTION_\d+:1$/.test(name))?.[1];
      const withState = hidden.some(([name]) => name === "$ACTION_KEY");
      const boundArguments = reference?.bound ? (JSON.parse(boundField ?? "[]") as unknown[]).slice(0, withState ? -1 : undefined) : [];
      const bound = boundArguments.length > 0 ? boundArguments : null;
      return { actionId, bound, hidden, fields: [...fields], button };
    })
    .filter((form) => form.hidden.length > 0);
}

type Value = string | { file: string } | string[];
type Variant = { name: string; refused: boolean; value: (field: string, count: number) => Value | undefined };

/** The same hostile value in every field of a form at once. */
const variants: Variant[] = [
  { name: "NUL byte", refused: true, value: () => `${REFUSED}\u0000@example.com` },
  // Long, yet the whole form stays well under the body limits, so that the fields' own checks answer.
  { name: "very long value", refused: true, value: (_field, count) => `${REFUSED}${"x".repeat(Math.max(1200, Math.floor(48_000 / count)))}@example.com` },
  { name: "missing fields", refused: true, value: () => undefined },
  { name: "a file instead of text", refused: true, value: () => ({ file: `${REFUSED}@example.com` }) },
  { name: "a field given twice", refused: true, value: () => [`${REFUSED}@example.com`, `${REFUSED}\u0000`] },
  { name: "HTML and script", refused: false, value: () => SCRIPT },
  { name: "SQL-like text", refused: false, value: () => `${FREE}' OR '1'='1'; DROP TABLE customers; --` },
];

function formBody(form: HtmlForm, variant: Variant): FormData {
  const body = new FormData();
  for (const [name, value] of form.hidden) body.append(name, value);
  if (form.button) body.append(...form.button);
  for (const field of form.fields) {
    const value = variant.value(field, form.fields.length);
    if (value === undefined) continue;
    if (typeof value === "string") body.append(field, value);
    else if (Array.isArray(value)) for (const each of value) body.append(field, each);
    else body.append(field, new Blob([value.file], { type: "text/plain" }), "payload.txt");
  }
  return body;
}

/** An answer that is not an error of the server: below 500, no stack trace, a page that says something. */
async function expectClearAnswer(response: APIResponse, what: string, { refused }: { refused: boolean }): Promise<void> {
  const body = await response.text();
  // Soft, so that one run lists every request that the server answers with an error of its own.
  expect.soft(response.status(), `${what}: ${body.slice(0, 300)}`).toBeLessThan(500);
  if (response.status() >= 500) return;
  expect(/\n\s+at \S+ \(|Internal Server Error/.test(body), `${what}: no stack trace`).toBe(false);
  expect(body.includes(SCRIPT), `${what}: markup echoed unescaped`).toBe(false);
  if (response.status() >= 400) expect(/<h1[^>]*>[^<]+<\/h1>/.test(body), `${what}: a page with a heading`).toBe(true);
  else if (refused) {
    expect(response.status(), what).toBe(200);
    expect(/role="alert"|aria-invalid="true"/.test(body), `${what}: the form says what is wrong`).toBe(true);
  }
}

/**
 * A client of one origin (a shop's host or the back office), reached on 127.0.0.1 with that Host header (Node does
 * not resolve *.localhost), carrying the cookies that a browser context holds for the page's URL.
 */
type Client = { api: APIRequestContext; origin: string; cookies?: BrowserContext };

async function openClient(origin: string, clientAddress: string, cookies?: BrowserContext): Promise<Client> {
  return { api: await playwrightRequest.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } }), origin, cookies };
}

async function send(client: Client, path: string, init: { method?: string; headers?: Record<string, string>; data?: string; multipart?: FormData } = {}): Promise<APIResponse> {
  const url = `${client.origin}${path}`;
  const cookie = client.cookies ? (await client.cookies.cookies(url)).map(({ name, value }) => `${name}=${value}`).join("; ") : "";
  const headers = { host: new URL(client.origin).host, origin: client.origin, ...(cookie ? { cookie } : {}), ...init.headers };
  return client.api.fetch(`http://127.0.0.1:${appPort}${path}`, { ...init, headers, maxRedirects: 0 });
}

/** A GET that follows the application's redirects on the same host. */
async function follow(client: Client, path: string): Promise<APIResponse> {
  let response = await send(client, path);
  for (let hop = 0; hop < 3 && [302, 303, 307].includes(response.status()); hop++) {
    const location = new URL(response.headers().location, client.origin);
    response = await send(client, location.pathname + location.search);
  }
  return response;
}

/** Posts each variant to each form of a page, as the browser without JavaScript would. */
async function hammerForms(client: Client, path: string, options: { only?: "body" } = {}): Promise<number> {
  const page = await send(client, path);
  expect(page.status(), path).toBe(200);
  const forms = formsOf(await page.text());
  expect(forms.length, `forms on ${client.origin}${path}`).toBeGreaterThan(0);
  for (const form of forms) {
    const what = (name: string) => `${client.origin}${path} [${form.fields.join(",") || "button"}] ${name}`;
    // Buttons without fields would simply run their action: they get the broken bodies only.
    if (form.fields.length > 0 && options.only !== "body") {
      for (const variant of variants) {
        const response = await send(client, path, { method: "POST", multipart: formBody(form, variant) });
        await expectClearAnswer(response, what(variant.name), variant);
      }
    }
    await hammerBodies(client, path, form, what);
  }
  return forms.length;
}

const TEXT = "text/plain;charset=UTF-8";
const rootOnly = (root: string) => `--XYZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n${root}\r\n--XYZ--\r\n`;

/**
 * Server-action bodies whose arguments refer (React's reply encoding: "$@5" a promise in part 5, "$Q1" a Map in
 * part 1, "$B1" a file, "$h1" a server function...) to parts the body does not have, or to values no form of ours
 * sends: each is refused with 400 before any action runs.
 */
const referenceBodies: [string, string, string][] = [
  ["action arguments referring to a missing promise", TEXT, '["$@5"]'],
  ["action arguments referring to a missing Map", TEXT, '["$Q1", {}, "$K1"]'],
  ["action arguments referring to a missing file", TEXT, '["$B1"]'],
  ["action arguments referring to a missing server function", TEXT, '["$h1"]'],
  ["action arguments referring to a missing model", TEXT, '[{}, "$1:__proto__:then"]'],
  ["action arguments with a client-only value", TEXT, '["$T", "$T"]'],
  ["action arguments with an unreadable number", TEXT, `["$n${REFUSED}"]`],
  ["action arguments with an unknown tag", TEXT, '["$zz"]'],
  ["multipart action arguments referring to a missing promise", "multipart/form-data; boundary=XYZ", rootOnly('["$@5", {}, "$K1"]')],
];

/**
 * A multipart body cut off in the middle, and a server action called with a body that is not what React sends: each
 * refused with a page. Arguments that are an array but not the action's (`[]`, an object for the form) are answered
 * as a form without fields would be.
 */
async function hammerBodies(client: Client, path: string, form: HtmlForm, what: (name: string) => string): Promise<void> {
  const broken = `--XYZ\r\nContent-Disposition: form-data; name="${form.hidden[0][0]}"\r\n\r\n${form.hidden[0][1]}\r\n--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\n${REFUSED}`;
  const action = (type: string) => ({ "content-type": type, "next-action": form.actionId ?? "" });
  const posts: [string, Record<string, string>, string, "refused" | "answered"][] = [
    ["broken multipart", { "content-type": "multipart/form-data; boundary=XYZ" }, broken, "refused"],
    ["multipart without a boundary", { "content-type": "multipart/form-data" }, `email=${REFUSED}`, "refused"],
    ["action body not form data", action(TEXT), `${REFUSED} is not a reply`, "refused"],
    ["action body of a JSON object", action(TEXT), `{"email":"${REFUSED}"}`, "refused"],
    ["action reply without its root", action("multipart/form-data; boundary=XYZ"), `--XYZ\r\nContent-Disposition: form-data; name="1_email"\r\n\r\n${REFUSED}\r\n--XYZ--\r\n`, "refused"],
    ["action called without arguments", action(TEXT), "[]", "answered"],
    ["action called with an object for its form", action(TEXT), `[{}, {"email":"${REFUSED}"}]`, "answered"],
    ["action called with strings for its state and form", action(TEXT), `["x", "${REFUSED}"]`, "answered"],
    ["action called with numbers and null", action(TEXT), "[123, null, 456]", "answered"],
    ["action called with an empty form for its state", action(TEXT), '["$K1", "$K2"]', "answered"],
    ...referenceBodies.map(([name, type, data]): [string, Record<string, string>, string, "refused"] => [name, action(type), data, "refused"]),
  ];
  for (const [name, headers, data, outcome] of posts) {
    // Buttons' actions called without their form would simply run: only forms with fields get those. Actions bound
    // to a record (a shop's code, a user's id) take it as their first arguments, which such a call leaves out.
    if (outcome === "answered" && (form.fields.length === 0 || form.bound)) continue;
    const response = await send(client, path, { method: "POST", headers, data });
    await expectClearAnswer(response, what(name), { refused: false });
    if (outcome === "refused") expect.soft(response.status(), what(name)).toBeGreaterThanOrEqual(400);
  }
}

type RawAnswer = { status: number; body: string };

/** A request written byte for byte on a socket: methods, Host headers and framings that fetch will not send. */
function raw(head: string, chunks: Buffer[] = []): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(appPort, "127.0.0.1");
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (data: string) => (answer += data));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // The server may answer and close before a large body is written through.
      if (!["EPIPE", "ECONNRESET"].includes(error.code ?? "")) reject(error);
    });
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf("\r\n\r\n") + 4) });
    });
    socket.setTimeout(30_000, () => socket.destroy(new Error(`No answer to ${head.split("\r\n")[0]}`)));
    socket.write(head.replaceAll("\n", "\r\n") + "\r\n");
    for (const chunk of chunks) socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString("latin1")}\r\n`, "latin1");
    if (chunks.length) socket.write("0\r\n\r\n");
  });
}

function expectRawRefusal(answer: RawAnswer, what: string, status: number): void {
  expect.soft(answer.status, `${what}: ${answer.body.slice(0, 200)}`).toBe(status);
  if (answer.status !== status) return;
  expect(answer.body, what).toMatch(/<h1>[^<]+<\/h1>/);
  expect(answer.body, what).not.toMatch(/\n\s+at \S/);
}

/** Every text column of every table, searched for a marker: what a refused request must not have left behind. */
async function stored(sql: Sql, marker: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`;
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = await sql.unsafe(`select count(*)::int as n from "${table}" where "${column}"::text like $1`, [`%${marker}%`]);
    if (row.n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

const logOfServer = () => readFileSync(serverLog, "utf8");

test("raw requests: TRACE, malformed Host headers and a chunked body over the 1 MiB form cap answer 4xx with a page", async () => {
  const host = `localhost:${appPort}`;
  for (const path of ["/login", "/admin/login", "/"]) {
    expectRawRefusal(await raw(`TRACE ${path} HTTP/1.1\nHost: ${host}\nConnection: close\n`), `TRACE ${path}`, 405);
    expectRawRefusal(await raw(`PUT ${path} HTTP/1.1\nHost: ${host}\nContent-Length: 0\nConnection: close\n`), `PUT ${path}`, 405);
  }
  for (const bad of ["localhost:99999", "localhost.", `localhost.:${appPort}`, "local host", "localhost:0"]) {
    for (const path of ["/login", "/admin/login", "/activate/abc", "/reset-password/abc"]) {
      expectRawRefusal(await raw(`GET ${path} HTTP/1.1\nHost: ${bad}\nConnection: close\n`), `Host ${bad} ${path}`, 400);
    }
    expectRawRefusal(await raw(`GET /login HTTP/1.1\nHost: ${host}\nX-Forwarded-Host: ${bad}\nConnection: close\n`), `X-Forwarded-Host ${bad}`, 400);
  }
  // A form may be up to 1 MiB (a too-long field then gets the form's own message); one chunk more is refused.
  const overCap = Array.from({ length: 17 }, () => Buffer.alloc(64 * 1024, "a"));
  for (const path of ["/login", "/register", "/forgot-password", "/admin/login"]) {
    for (const headers of ["Content-Type: application/x-www-form-urlencoded", "Content-Type: multipart/form-data; boundary=XYZ\nNext-Action: 00"]) {
      const answer = await raw(`POST ${path} HTTP/1.1\nHost: ${host}\nOrigin: http://${host}\n${headers}\nTransfer-Encoding: chunked\nConnection: close\n`, overCap);
      expectRawRefusal(answer, `chunked 1.06 MiB to ${path}`, 413);
    }
  }
  // An ordinary request on the same sockets still works.
  expect((await raw(`GET /login HTTP/1.1\nHost: ${host}\nConnection: close\n`)).status).toBe(200);
});

test("token routes: bad %-encoding, NUL, very long, markup and SQL-like tokens answer a clear page", async ({ clientAddress }) => {
  const tokens = ["%E0%A4%A", "%", "%ZZ", "abc%", "%00", `${REFUSED}%00`, `${REFUSED}${"x".repeat(6000)}`, encodeURIComponent(SCRIPT), encodeURIComponent(`${FREE}' OR '1'='1`)];
  for (const shop of [demoShop, classicShop]) {
    const client = await openClient(shop.origin, clientAddress);
    for (const route of ["/activate/", "/reset-password/"]) {
      for (const token of tokens) {
        const what = `${shop.origin}${route}${token.slice(0, 40)}`;
        const response = await follow(client, `${route}${token}`);
        await expectClearAnswer(response, what, { refused: false });
        expect(/not valid|no longer valid|expired|invalid/i.test(await response.text()), `${what}: says the link is not valid`).toBe(true);
      }
    }
    await client.api.dispose();
  }
});

test("storefront forms without an account: sign-in, registration (both shops, both types), forgot password, resend activation", async ({ sql, clientAddress }) => {
  for (const shop of [demoShop, classicShop]) {
    const client = await openClient(shop.origin, clientAddress);
    for (const path of ["/login", "/register", "/register?type=B2B", "/forgot-password", "/resend-activation"]) {
      if (shop === classicShop && path.includes("B2B")) continue;
      await hammerForms(client, path);
    }
    await client.api.dispose();
  }
  expect(await stored(sql, REFUSED)).toEqual([]);
});

test("storefront forms with an account: My account, reset password (both modes), set password from a contact's link", async ({ browser, sql, clientAddress }) => {
  // Both shops' accounts and links, and every form of their pages (My account has a sign-out in its footer too).
  test.setTimeout(180_000);
  for (const shop of [demoShop, classicShop]) {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
    const page = await context.newPage();
    const client = await openClient(shop.origin, clientAddress, context);
    const shopper = await activeShopper(page, "hostile-reset", shop);
    await signIn(page, shopper.email, shopper.password, shop);
    await expect(page).toHaveURL(/\/account$/);
    await hammerForms(client, "/account", { only: "body" });
    // A reset link: the user-controlled shop's form, and the automatic shop's confirmation button.
    await page.goto(shopUrl(shop, "/forgot-password"));
    await page.getByLabel("Email").fill(shopper.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    const [reset] = await waitForEmail({ to: shopper.email, tag: "storefront-password-reset" });
    await page.goto(linkTo(reset, "/reset-password/"));
    await expect(page).toHaveURL(/\/reset-password$/);
    await hammerForms(client, "/reset-password", shop.passwords === "automatic" ? { only: "body" } : {});
    await client.api.dispose();
    await context.close();
  }

  // A contact created in the back office chooses a password from its activation link.
  const agent = (await newStaff(browser, clientAddress, ["customer_service"])).page;
  await agent.goto("/admin/contacts/new");
  await agent.waitForLoadState("networkidle");
  const email = uniqueEmail("hostile-contact");
  await agent.getByLabel("Shop").selectOption({ label: "Demo Shop" });
  await agent.getByLabel("Customer type").selectOption("B2C");
  await agent.getByLabel("Email").fill(email);
  await agent.getByLabel("First name").fill("Hostile");
  await agent.getByLabel("Last name").fill("Contact");
  await agent.getByRole("button", { name: "Create contact" }).click();
  await expect(agent.getByText("The contact has been created")).toBeVisible();
  const [activation] = await waitForEmail({ to: email, tag: "storefront-account-activation" });
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } });
  const page = await context.newPage();
  await page.goto(linkTo(activation, "/activate/"));
  await expect(page).toHaveURL(/\/activate\/set-password$/);
  const client = await openClient(demoShop.origin, clientAddress, context);
  await hammerForms(client, "/activate/set-password");
  await client.api.dispose();
  expect(await stored(sql, REFUSED)).toEqual([]);
});

/** Creates, through the back office's own pages, a shop with a customer type and an attribute definition to hammer. */
async function settingsOfOwn(admin: Page): Promise<{ shop: string; attribute: string }> {
  const shop = `hx-${randomBytes(3).toString("hex")}`;
  await admin.goto("/admin/settings/shops/new");
  await admin.waitForLoadState("networkidle");
  await admin.getByLabel("Code", { exact: true }).fill(shop);
  await admin.getByLabel("Name", { exact: true }).fill("Hostile Shop");
  await admin.getByLabel("Host names", { exact: true }).fill(`${shop}.localhost`);
  await admin.getByLabel("Base URL", { exact: true }).fill(`http://${shop}.localhost:${appPort}`);
  await admin.getByLabel("Sender name", { exact: true }).fill("Hostile Shop");
  await admin.getByLabel("Sender e-mail", { exact: true }).fill("hostile@example.com");
  await admin.getByRole("button", { name: "Save shop" }).click();
  await expect(admin.getByText("The shop has been created")).toBeVisible();
  const add = admin.getByRole("region", { name: "Add customer type" });
  await add.getByLabel("Code").fill("HX");
  await add.getByLabel("Name").fill("Hostile type");
  await add.getByRole("button", { name: "Add customer type" }).click();
  await expect(admin.getByText("Customer type HX added")).toBeVisible();

  const attribute = `hx${randomBytes(3).toString("hex")}`;
  await admin.goto("/admin/settings/attributes/new");
  await admin.waitForLoadState("networkidle");
  await admin.getByLabel("Code").fill(attribute);
  await admin.getByLabel("Label").fill("Hostile");
  await admin.getByRole("button", { name: "Save attribute" }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/settings/attributes/${attribute}`));
  return { shop, attribute };
}

test("back-office forms: sign-in, change password, contacts, settings, shops, attributes, users; searches and filters", async ({ browser, sql, clientAddress }) => {
  test.setTimeout(180_000);
  const origin = `http://localhost:${appPort}`;
  const anonymous = await openClient(origin, clientAddress);
  await hammerForms(anonymous, "/admin/login");
  await anonymous.api.dispose();

  const staff = await newStaff(browser, clientAddress, ["customer_service", "user_manager", "shop_admin"]);
  const admin = staff.page;
  const other = await newStaff(browser, clientAddress, ["customer_service"]);
  const [{ id: otherId }] = await sql`select id from staff_users where email = ${other.email}`;
  const { shop, attribute } = await settingsOfOwn(admin);
  const contactId = await createContact(admin, { email: uniqueEmail("hx-contact"), firstName: "Hostile", lastName: "Target" });

  const client = await openClient(origin, clientAddress, admin.context());
  for (const path of [
    "/admin/change-password",
    "/admin/contacts/new",
    "/admin/settings",
    "/admin/settings/shops/new",
    `/admin/settings/shops/${shop}`,
    "/admin/settings/attributes/new",
    `/admin/settings/attributes/${attribute}`,
    "/admin/users/new",
    `/admin/users/${otherId}`,
  ]) {
    await hammerForms(client, path);
  }
  await hammerForms(client, `/admin/contacts/${contactId}`, { only: "body" });

  // Searches and filters are GET forms: the same values in their query strings.
  // Long values stay within Node's 16 KB limit of a request's head (beyond it Node itself answers 431).
  for (const value of [`${REFUSED}\u0000`, `${REFUSED}${"x".repeat(2000)}`, SCRIPT, `${FREE}' OR '1'='1`, `${REFUSED}%`]) {
    const queries: [string, Record<string, string>][] = [
      ["/admin/contacts", { q: value }],
      ["/admin/contacts", { q: "abc", type: value, status: value, shop: value, created: value, signin: value, after: value }],
      ["/admin/activity", { person: value, action: value, within: value }],
      ["/admin/users", { status: value, sort: value, dir: value, page: value }],
    ];
    for (const [path, query] of queries) {
      const response = await send(client, `${path}?${new URLSearchParams(query)}`);
      await expectClearAnswer(response, `${path} ${JSON.stringify(query).slice(0, 80)}`, { refused: false });
    }
  }
  await client.api.dispose();
  expect(await stored(sql, REFUSED)).toEqual([]);
});

/** A uuid that names no record, and a code of the right shape that names none. */
const NOWHERE_ID = "00000000-0000-4000-8000-000000000000";
const NOWHERE_CODE = "zz-none";

/**
 * Arguments a forged call can give an action in place of those its page bound (`action.bind(null, user.id)`),
 * each also followed by the state and the form a form's action takes: not a uuid, other types, an unknown status,
 * an overlong code, a string for a flag. Every list has an argument the page never binds, so none may run; the last
 * has arguments of the right shape that name no record (answered as for a deleted one).
 */
function forgedArguments(bound: unknown[]): unknown[][] {
  const replaced = (value: unknown) => bound.map((_, index) => bound.map((each, at) => (at === index ? value : each)));
  const nowhere = bound.map((each) => (typeof each === "string" && /^[0-9a-f-]{36}$/.test(each) ? NOWHERE_ID : NOWHERE_CODE));
  const lists: unknown[][] = [
    [],
    ["not-a-uuid"],
    [{}],
    [123],
    [null],
    [[]],
    ["x", "y"],
    ...[`${REFUSED}' OR '1'='1`, "superuser", `${REFUSED}${"x".repeat(300)}`, {}, 123, "true", "$K1"].flatMap(replaced),
  ];
  return [...lists.flatMap((list) => [list, [...list, {}, "$K1"]]), [...nowhere, {}, "$K1"]];
}

/** The records the forged calls aim at, as text: a change of any of them shows. */
async function recordsOf(sql: Sql, target: { staffId: string; customerIds: string[]; shop: string; attributes: string[] }): Promise<string> {
  const [rows] = await sql`
    select
      (select json_agg(s order by s.id) from staff_users s where s.id = ${target.staffId}) as staff,
      (select count(*) from staff_sessions where staff_id = ${target.staffId}) as staff_sessions,
      (select json_agg(c order by c.id) from customers c where c.id = any(${target.customerIds}::uuid[])) as customers,
      (select count(*) from customer_sessions where customer_id = any(${target.customerIds}::uuid[])) as customer_sessions,
      (select count(*) from account_tokens where customer_id = any(${target.customerIds}::uuid[])) as tokens,
      (select count(*) from email_outbox where customer_id = any(${target.customerIds}::uuid[])) as emails,
      (select json_agg(h order by h.code) from shops h where h.code = ${target.shop}) as shop,
      (select json_agg(t order by t.code) from customer_types t join shops h on h.id = t.shop_id where h.code = ${target.shop}) as types,
      (select json_agg(r order by r.customer_type, r.attribute_code) from registration_attributes r join shops h on h.id = r.shop_id where h.code = ${target.shop}) as forms,
      (select json_agg(a order by a.code) from attribute_definitions a where a.code = any(${target.attributes})) as attributes`;
  return JSON.stringify(rows);
}

/** An answer to a forged call: never an error of the server, never a stack trace. */
async function expectNoServerError(response: APIResponse, what: string): Promise<void> {
  const body = await response.text();
  expect.soft(response.status(), `${what}: ${body.slice(0, 300)}`).toBeLessThan(500);
  expect.soft(/\n\s+at \S+ \(|Internal Server Error/.test(body), `${what}: no stack trace`).toBe(false);
}

/** The forms of a page whose actions have bound arguments, as a user of the page gets them. */
async function boundFormsOf(client: Client, path: string): Promise<HtmlForm[]> {
  const page = await send(client, path);
  expect(page.status(), path).toBe(200);
  return formsOf(await page.text()).filter((form) => form.bound);
}

/** A call as React makes it from the page: the arguments as part "0", the form's fields as the parts of "$K1". */
function actionCall(form: HtmlForm, args: unknown[], fields: Record<string, string> = {}): { headers: Record<string, string>; multipart: FormData } {
  const multipart = new FormData();
  multipart.append("0", JSON.stringify(args));
  for (const [name, value] of Object.entries(fields)) multipart.append(`1_${name}`, value);
  return { headers: { "next-action": form.actionId ?? "" }, multipart };
}

test("forged calls of bound actions: any arguments answer below 500 and change nothing; records outside the caller's rights stay as they are", async ({ browser, sql, clientAddress }) => {
  test.setTimeout(300_000);
  const origin = `http://localhost:${appPort}`;
  const admin = (await newStaff(browser, clientAddress, ["customer_service", "user_manager", "shop_admin"])).page;
  const target = await newStaff(browser, clientAddress, ["customer_service"]);
  const [{ id: staffId }] = await sql`select id from staff_users where email = ${target.email}`;
  const { shop, attribute } = await settingsOfOwn(admin);
  // An active customer and a pending one: their pages show every action a contact has.
  const shopperPage = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientAddress } })).newPage();
  const active = await activeShopper(shopperPage, "forged-active");
  const pending = newShopper("forged-pending");
  await register(shopperPage, pending);
  await activationEmail(pending.email);
  await shopperPage.context().close();
  const customers = await sql<{ id: string }[]>`select id from customers where email in (${active.email}, ${pending.email}) order by email`;
  const customerIds = customers.map(({ id }) => id);
  expect(customerIds).toHaveLength(2);
  const records = { staffId, customerIds, shop, attributes: [attribute, "firstName"] };

  const client = await openClient(origin, clientAddress, admin.context());
  // Actions that ask first (issue 13) have their forms on the confirmation pages; the details pages hold the rest.
  const confirmations = [
    ...["deactivate", "reset-password"].map((key) => `/admin/users/${staffId}/confirm/${key}`),
    ...["deactivate", "send-password-reset"].map((key) => `/admin/contacts/${customerIds[0]}/confirm/${key}`),
    `/admin/settings/attributes/${attribute}/confirm/delete`,
  ];
  const paths = [`/admin/users/${staffId}`, ...customerIds.map((id) => `/admin/contacts/${id}`), ...confirmations, `/admin/settings/shops/${shop}`, `/admin/settings/attributes/${attribute}`];
  const actions: { path: string; form: HtmlForm }[] = [];
  for (const path of paths) for (const form of await boundFormsOf(client, path)) actions.push({ path, form });
  // A user's roles, shops, password reset and status; a contact's password reset, activation e-mail and status; a
  // shop's settings, adding, saving and removing a customer type, its registration form; an attribute's save, delete.
  expect(new Set(actions.map(({ form }) => form.actionId)).size).toBeGreaterThanOrEqual(14);

  const before = await recordsOf(sql, records);
  for (const { path, form } of actions) {
    for (const args of forgedArguments(form.bound ?? [])) {
      const response = await send(client, path, { method: "POST", ...actionCall(form, args) });
      await expectNoServerError(response, `${path} [${form.fields.join(",") || "button"}] ${JSON.stringify(args).slice(0, 120)}`);
    }
    for (const [name, type, data] of referenceBodies) {
      const response = await send(client, path, { method: "POST", headers: { "content-type": type, "next-action": form.actionId ?? "" }, data });
      await expectNoServerError(response, `${path} ${name}`);
      expect.soft(response.status(), `${path} ${name}`).toBe(400);
    }
  }
  expect(await recordsOf(sql, records)).toBe(before);

  // The page's own arguments, sent by users without the rights: an agent and shop admin of the Classic shop only (no
  // user manager role; the contacts are Demo's; the shop is not theirs; "firstName" is in Demo's forms). Each call is
  // refused as before, and nothing changes.
  const outsider = await newStaff(browser, clientAddress, ["customer_service", "shop_admin"]);
  await sql`update staff_users set shop_ids = array(select id from shops where code = 'classic') where email = ${outsider.email}`;
  const outside = await openClient(origin, clientAddress, outsider.page.context());
  const fields = { roles: "user_manager", shopScope: "all", name: `${REFUSED} changed`, code: "ZZ", op: "save", attribute: "email", label: `${REFUSED} changed` };
  for (const { path, form } of actions) {
    const bound = (form.bound ?? []).map((each) => (each === attribute ? "firstName" : each));
    for (const args of [bound, [...bound, {}, "$K1"]]) {
      const response = await send(outside, path, { method: "POST", ...actionCall(form, args, fields) });
      await expectNoServerError(response, `outsider ${path} [${form.fields.join(",") || "button"}]`);
    }
  }
  expect(await recordsOf(sql, records)).toBe(before);
  expect(await stored(sql, REFUSED)).toEqual([]);
  await client.api.dispose();
  await outside.api.dispose();
});

test("the server's log holds none of the values that were sent", async () => {
  // Work after the response (e-mails of forgot-password and registration) has had its moment.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const log = logOfServer();
  expect(log.includes("Refused a request"), "refusals are logged").toBe(true);
  for (const marker of [REFUSED, FREE]) {
    const lines = log.split("\n").filter((line) => line.includes(marker));
    expect(lines.slice(0, 5), `log lines with ${marker}`).toEqual([]);
  }
});
