/**
 * Security headers on every response (pages, route handlers, static files). The values are fixed
 * when the app is built (`npm start` builds): see docs/security.md.
 *
 * CSP: Next.js inlines small bootstrap scripts and style attributes. Nonces would need a per-request
 * proxy and would turn every page dynamic, so scripts and styles allow 'unsafe-inline' but only from
 * this origin — no other script host, no 'unsafe-eval' outside `next dev`, no plugins, no framing,
 * no <base> rewriting.
 */
function securityHeaders(dev) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' https://github.com https://accounts.google.com",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** HSTS when the app is served over TLS: APP_URL is https, or a trusted proxy says the request was. */
function hstsRules() {
  if ((process.env.APP_URL ?? "").startsWith("https://")) return [{ source: "/:path*", headers: [HSTS] }];
  if (Number(process.env.TRUSTED_PROXY_HOPS ?? 0) > 0) {
    return [{ source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] }];
  }
  return [];
}

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  reactStrictMode: true,
  // Lets two builds (say, two e2e runs on different ports) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native / WASM database drivers stay outside the server bundle. The embedded database's worker
  // thread (lib/db/pglite-worker.mjs) is not bundled either: Node loads it at run time from a path
  // built from process.cwd() (lib/db/pglite-worker-client.ts), and it imports these packages itself.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "pg",
    "nodemailer",
    "@react-pdf/renderer",
  ],
  // Types are checked once, by `npm run typecheck` (the first step of `npm test`), not again per build.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(phase === "phase-development-server") }, ...hstsRules()];
  },
});

export default nextConfig;
