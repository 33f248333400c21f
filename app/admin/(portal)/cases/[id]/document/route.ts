import { decisionDocumentForStaff } from '@/db/applications';
import { fileDownload } from '@/lib/applications/file-response';
import { can, currentStaff } from '@/lib/auth/staff-session';

/** GET /admin/cases/{id}/document: the signed decision, for staff who may see the case. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await currentStaff();
  if (!staff) return new Response('请先登录。', { status: 401, headers: { 'Cache-Control': 'no-store' } });
  if (!can(staff, 'handleCases')) return new Response('无权访问。', { status: 403, headers: { 'Cache-Control': 'no-store' } });
  const { id } = await params;
  const file = /^\d{1,15}$/.test(id) ? await decisionDocumentForStaff(Number(id), staff) : null;
  if (!file) return new Response('未找到该文件。', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return fileDownload(file);
}
