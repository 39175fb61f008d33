// Child processes of the bench (the Resend-compatible sink, `next start`, the bare argon2 measurement) and the one
// list of things to undo, run on success, on error and on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { get } from "./http";

const root = fileURLToPath(new URL("..", import.meta.url));

type Undo = { label: string; run: () => Promise<void> | void };
const undos: Undo[] = [];

export type Registered = { now: () => Promise<void>; cancel: () => void };

/** Registers something to undo, undone last-in first-out by `cleanUp`; `now` undoes it at once, `cancel` forgets it. */
export function onCleanUp(label: string, run: () => Promise<void> | void): Registered {
  const undo = { label, run };
  undos.push(undo);
  const take = () => {
    const index = undos.indexOf(undo);
    if (index !== -1) undos.splice(index, 1);
    return index !== -1;
  };
  return {
    now: async () => {
      if (take()) await run();
    },
    cancel: () => void take(),
  };
}

export async function cleanUp(): Promise<void> {
  while (undos.length > 0) {
    const undo = undos.pop()!;
    try {
      await undo.run();
    } catch (error) {
      console.error(`  cleaning up ${undo.label} failed: ${(error as Error).message}`);
    }
  }
}

let interrupted: Promise<void> | null = null;

/** Set once a signal arrived: the clean-up it started, which ends the process. */
export function interruption(): Promise<void> | null {
  return interrupted;
}

/** Ctrl-C or a kill: undo everything, then leave with the signal's usual code. */
export function cleanUpOnSignals(): void {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      console.error(`\n${signal}: stopping the servers and dropping the bench database…`);
      interrupted = cleanUp().finally(() => process.exit(code));
    });
  }
  // Last resort when the process ends some other way: kill what is still running (synchronous only).
  process.on("exit", () => {
    for (const child of children) killGroup(child, "SIGKILL");
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: `next start` may leave a next-server child behind
  } catch {
    // already gone
  }
}

export type Server = { url: string; port: number; output: () => string; stop: () => Promise<void> };

/**
 * Starts a command in its own process group (so that stopping it stops its children too), keeps the last part of its
 * output for error messages, and waits until `readyPath` answers.
 */
export async function startServer(
  label: string,
  command: string,
  args: string[],
  options: { port: number; env: Record<string, string>; readyPath: string; host?: string; timeoutSeconds?: number; stopGraceSeconds?: number },
): Promise<Server> {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = onCleanUp(label, async () => {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), (options.stopGraceSeconds ?? 5) * 1000);
    await exited;
    clearTimeout(timer);
    children.delete(child);
  }).now;
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutSeconds ?? 120) * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`${label} exited before it answered (code ${child.exitCode ?? child.signalCode}):\n${output.slice(-3000)}`);
    }
    const answer = await get(options.port, options.readyPath, { host: options.host }).catch(() => null);
    if (answer && answer.status < 500) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${label} did not answer ${options.readyPath} within ${options.timeoutSeconds ?? 120} s:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, port: options.port, output: () => output, stop };
}

/** Runs a command to its end with inherited output (the build, a seeding script); rejects on a non-zero exit. */
export function runToEnd(label: string, command: string, args: string[], env: Record<string, string>, quiet = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    const stop = onCleanUp(label, () => killGroup(child, "SIGTERM")).now;
    let output = "";
    const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-200_000);
      if (!quiet) stream.write(chunk.toString("utf8").replace(/^(?=.)/gm, "    "));
    };
    child.stdout?.on("data", forward(process.stdout));
    child.stderr?.on("data", forward(process.stderr));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      children.delete(child);
      void stop();
      if (code === 0) resolve(output);
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})${quiet ? `:\n${output.slice(-3000)}` : ""}`));
    });
  });
}

export const paths = {
  root,
  next: path.join(root, "node_modules", "next", "dist", "bin", "next"),
  tsx: path.join(root, "node_modules", "tsx", "dist", "cli.mjs"),
  sink: path.join(root, "e2e", "resend-sink.mjs"),
};
