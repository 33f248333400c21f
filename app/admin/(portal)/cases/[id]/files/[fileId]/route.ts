import { caseFileForStaff } from '@/domain/applications/cases';
import { fileDownload } from '@/domain/applications/file-response';
import { staffForRoute, staffRouteRefusal } from '@/domain/auth/staff-session';

/** GET /admin/cases/{id}/files/{fileId}: evidence, for staff who may see the case. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; fileId: string }> }) {
  const staff = await staffForRoute('handleCases');
  if (staff instanceof Response) return staff;
  const { id, fileId } = await params;
  const file =
    /^\d{1,15}$/.test(id) && /^[0-9a-f-]{36}$/.test(fileId) ? await caseFileForStaff(Number(id), fileId, staff) : null;
  if (!file) return staffRouteRefusal(404, '未找到该文件。');
  return fileDownload(file);
}
