/** Runs once when the server starts (Node.js runtime only). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { redactConsole } = await import("./lib/log");
    const { guardHttpServer } = await import("./lib/http/server-guard");
    redactConsole();
    guardHttpServer();
    const { startServer } = await import("./app/startup");
    await startServer();
  }
}
