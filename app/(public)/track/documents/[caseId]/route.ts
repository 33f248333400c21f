import { decisionDocumentForApplication } from '@/domain/applications/cases';
import { fileDownload } from '@/domain/applications/file-response';
import { trackedApplicationId } from '@/domain/applications/track-session';

/** GET /track/documents/{caseId}: the signed decision of a case of the application whose access code was given. */
export async function GET(_request: Request, { params }: { params: Promise<{ caseId: string }> }) {
  const applicationId = await trackedApplicationId();
  if (!applicationId)
    return new Response('请先在“申请查询”页面输入查询号和访问码。', {
      status: 401,
      headers: { 'Cache-Control': 'no-store' },
    });
  const { caseId } = await params;
  const file = /^\d{1,15}$/.test(caseId) ? await decisionDocumentForApplication(applicationId, Number(caseId)) : null;
  if (!file) return new Response('未找到该文件。', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return fileDownload(file);
}
