import { can, currentStaff } from '@/lib/auth/staff-session';
import { download, XLSX_TYPE } from '@/lib/import/downloads';
import { TEMPLATE_FILE_NAME, templateWorkbook } from '@/lib/import/template';

const refuse = (status: number, text: string) => new Response(text, { status, headers: { 'Cache-Control': 'no-store' } });

/** GET /admin/import/template: the XLSX template of the columns the importer reads, for staff who may import. */
export async function GET() {
  const staff = await currentStaff();
  if (!staff) return refuse(401, '请先登录。');
  if (!can(staff, 'importData')) return refuse(403, '无权访问。');
  return download(await templateWorkbook(), XLSX_TYPE, TEMPLATE_FILE_NAME);
}
