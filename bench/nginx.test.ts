import { describe, expect, it } from "vitest";
import { nginxConfig } from "./nginx";

describe("the nginx configuration of test:scale", () => {
  const config = nginxConfig("/tmp/sfa-scale-nginx-x", 8080, [3001, 3002, 3003]);

  it("balances round robin over every instance and passes the client's host and address on", () => {
    expect(config).toContain("listen 127.0.0.1:8080;");
    expect(config.match(/server 127\.0\.0\.1:\d+;/g)).toEqual(["server 127.0.0.1:3001;", "server 127.0.0.1:3002;", "server 127.0.0.1:3003;"]);
    expect(config).not.toMatch(/\b(ip_hash|hash|least_conn|sticky)\b/);
    expect(config).toContain("proxy_set_header Host $host;");
    expect(config).toContain("proxy_set_header X-Forwarded-Host $http_host;");
    expect(config).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
  });

  it("runs in the foreground and writes only into its own folder", () => {
    expect(config).toContain("daemon off;");
    const files = [...config.matchAll(/^\s*(?:pid|error_log|\w+_temp_path)\s+(\S+?);?(?:\s|$)/gm)].map((match) => match[1]);
    expect(files).toHaveLength(7);
    for (const file of files) expect(file.startsWith("/tmp/sfa-scale-nginx-x/")).toBe(true);
  });
});
