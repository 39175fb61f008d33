import type { NextConfig } from "next";
import { PERMISSIONS_POLICY } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The e2e suite builds into its own folder so that it never clobbers a running `next dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  experimental: { serverActions: { bodySizeLimit: "128kb" }, authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
};

export default nextConfig;
