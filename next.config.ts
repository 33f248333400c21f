import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  experimental: {
    authInterrupts: true, // forbidden() answers a staff page the role may not see with 403
    serverActions: { bodySizeLimit: '20mb' }, // the import upload page
  },
  // opencc-js ships large dictionaries; keep it out of the server bundle.
  serverExternalPackages: ['opencc-js', 'pinyin-pro'],
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
