import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { PERMISSIONS_POLICY } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The e2e suite builds into its own folder so that it never clobbers a running `next dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  experimental: { serverActions: { bodySizeLimit: "1mb" }, authInterrupts: true },
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

// next-intl finds its request configuration in i18n/request.ts.
export default createNextIntlPlugin()(nextConfig);
