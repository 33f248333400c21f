/** The import page's downloads (template, error report): attachments, never cached, never rendered inline. */
export function download(body: string | Buffer, contentType: string, fileName: string): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The error report's file name: 导入错误报告-<the uploaded file's name without extension>.csv. */
export function errorReportFileName(uploadedName: string): string {
  return `导入错误报告-${uploadedName.replace(/\.[^.]*$/, '')}.csv`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
