import { uploadReportById } from '@/domain/import/uploads';
import { staffForRoute, staffRouteRefusal } from '@/domain/auth/staff-session';
import { download, errorReportFileName } from '@/lib/import/downloads';
import { errorReportCsv } from '@/lib/import/error-report';
import { uploadSummary } from '@/domain/import/wizard';

/** GET /admin/import/{id}/errors: the error report (CSV) of an upload — its import's once imported, else its 预检's. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await staffForRoute('importData');
  if (staff instanceof Response) return staff;
  const { id } = await params;
  const upload = /^[0-9a-f-]{36}$/.test(id) ? await uploadReportById(id) : null;
  if (!upload) return staffRouteRefusal(404, '未找到该导入记录。');
  return download(
    errorReportCsv(uploadSummary(upload).rejected),
    'text/csv; charset=utf-8',
    errorReportFileName(upload.fileName),
  );
}
