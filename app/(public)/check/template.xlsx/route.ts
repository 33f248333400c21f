import { download, XLSX_TYPE } from '@/lib/import/downloads';
import { CHECK_TEMPLATE_NAME, checkTemplateXlsx } from '@/lib/check/template';

/** GET /check/template.xlsx: the list template as an Excel workbook, with the columns explained on a second sheet. */
export async function GET() {
  return download(await checkTemplateXlsx(), XLSX_TYPE, `${CHECK_TEMPLATE_NAME}.xlsx`);
}
