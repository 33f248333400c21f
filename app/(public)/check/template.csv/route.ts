import { download } from '@/lib/import/downloads';
import { CHECK_TEMPLATE_NAME, checkTemplateCsv } from '@/lib/check/template';

/** GET /check/template.csv: the list template, a header row of the columns /check reads. */
export function GET() {
  return download(checkTemplateCsv(), 'text/csv; charset=utf-8', `${CHECK_TEMPLATE_NAME}.csv`);
}
