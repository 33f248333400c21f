import 'server-only';

/** An evidence file as a download: never rendered inline by the site, never cached. */
export function fileDownload(file: { fileName: string; mediaType: string; content: Buffer }): Response {
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': file.mediaType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
