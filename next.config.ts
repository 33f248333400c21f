import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // npm run bundle:size builds apart (.next-bundle) with browser source maps, to attribute each byte.
  distDir: process.env.BUNDLE_REPORT === '1' ? '.next-bundle' : '.next',
  productionBrowserSourceMaps: process.env.BUNDLE_REPORT === '1',
  experimental: {
    authInterrupts: true, // forbidden() answers a staff page the role may not see with 403
    // Evidence uploads (≤ 5 × 10 MB) and the import page; each action checks its own limit.
    // BODY_LIMITS.serverAction in domain/http/limits.ts (the front refuses more before Next reads it)
    serverActions: { bodySizeLimit: '60mb' },
  },
  // opencc-js ships large dictionaries; rate-limiter-flexible imports drizzle-orm by a computed name.
  serverExternalPackages: ['opencc-js', 'pinyin-pro', 'nodemailer', 'rate-limiter-flexible'],
  async headers() {
    return [
      {
        // Registry data must never outlive a revocation in any cache (design rule 4).
        source: '/((?!_next/static|_next/image|favicon.ico).*)',
        headers: [
          { key: 'Cache-Control', value: 'no-store' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
