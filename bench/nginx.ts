// nginx from Debian in front of the app instances, as a load balancer would be: installed when missing, run in the
// foreground with a configuration generated into a temporary folder (no root paths), stopped by the clean-up.
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { onCleanUp, runToEnd, startServer, type Server } from "./processes";

const candidates = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx"];

function findNginx(): string | null {
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/** The nginx binary, installed with apt-get (as .ci/run installs Chromium) when the machine has none. */
export async function ensureNginx(progress: (line: string) => void): Promise<string> {
  const found = findNginx();
  if (found) return found;
  progress("nginx is missing: apt-get install -y nginx");
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  await runToEnd("apt-get update", "apt-get", ["update", "-qq"], env, true);
  await runToEnd("apt-get install nginx", "apt-get", ["install", "-y", "-qq", "nginx"], env, true);
  const installed = findNginx();
  if (!installed) throw new Error("apt-get installed nginx, but no nginx binary was found in " + candidates.join(", "));
  return installed;
}

/**
 * Round robin over `upstreamPorts`, passing on the host the client addressed (Host without the port, as `$host`
 * gives it, and X-Forwarded-Host with it: Next.js checks a server action's Origin against the latter), the client's
 * address appended to X-Forwarded-For, and the scheme.
 */
export function nginxConfig(directory: string, listenPort: number, upstreamPorts: number[]): string {
  const temp = (name: string) => path.join(directory, name);
  return `daemon off;
worker_processes 1;
pid ${temp("nginx.pid")};
error_log ${temp("error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp("client_body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  upstream app {
${upstreamPorts.map((port) => `    server 127.0.0.1:${port};`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${listenPort};
    client_max_body_size 1m;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

/** Starts nginx on `listenPort` in front of `upstreamPorts`; ready once /api/health answers through it. */
export async function startNginx(binary: string, listenPort: number, upstreamPorts: number[]): Promise<Server> {
  const directory = mkdtempSync(path.join(tmpdir(), "sfa-scale-nginx-"));
  // Workers run as nobody when the master is root: they must reach the temporary folders nginx creates in here.
  chmodSync(directory, 0o755);
  onCleanUp(`nginx folder ${directory}`, () => rmSync(directory, { recursive: true, force: true }));
  const config = path.join(directory, "nginx.conf");
  writeFileSync(config, nginxConfig(directory, listenPort, upstreamPorts));
  return startServer("nginx", binary, ["-p", directory, "-c", config, "-e", path.join(directory, "error.log")], {
    port: listenPort,
    env: {},
    readyPath: "/api/health",
    timeoutSeconds: 30,
  });
}
