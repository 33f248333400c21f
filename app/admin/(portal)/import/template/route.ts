import { staffForRoute } from '@/domain/auth/staff-session';
import { download, XLSX_TYPE } from '@/lib/import/downloads';
import { TEMPLATE_FILE_NAME, templateWorkbook } from '@/lib/import/template';

/** GET /admin/import/template: the XLSX template of the columns the importer reads, for staff who may import. */
export async function GET() {
  const staff = await staffForRoute('importData');
  if (staff instanceof Response) return staff;
  return download(await templateWorkbook(), XLSX_TYPE, TEMPLATE_FILE_NAME);
}
