import http from "node:http";
import { methodAllowed, refusalHeaders, refusalLogLine, refusalPage, refusals } from "./request-guard";

const installed = Symbol.for("storefront.server-guard");

/**
 * Next.js hands every request to proxy.ts as a WHATWG Request, and `new Request()` throws for TRACE and TRACK
 * ("HTTP method is unsupported"), so such a request answered 500 before proxy.ts could refuse it. Node's HTTP
 * server sees it first: this refuses every method outside ALLOWED_METHODS there, with the proxy's 405 page.
 * Installed once per process at server start (`next start`; serverless hosts refuse these methods themselves).
 */
export function guardHttpServer(): void {
  const prototype = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (prototype[installed]) return;
  prototype[installed] = true;
  const emit = prototype.emit;
  prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (!methodAllowed(request.method ?? "")) {
        console.warn(refusalLogLine(refusals.method, request.method ?? ""));
        response.writeHead(refusals.method.status, refusalHeaders(refusals.method));
        response.end(refusalPage(refusals.method));
        request.resume();
        return true;
      }
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof prototype.emit;
}
