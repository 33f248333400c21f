import { connection } from 'next/server';
import { fileDownload } from '@/domain/applications/file-response';
import { currentStaff, can } from '@/domain/auth/staff-session';
import { publishedArticleFile } from '@/domain/publishing/public-articles';
import { staffArticleFile } from '@/domain/publishing/articles';

const NOT_FOUND = () =>
  new Response('未找到该附件。', {
    status: 404,
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });

/**
 * GET /articles/files/{id}: an attachment of a published article, for anyone; of a draft or an article in review,
 * only for staff who write or review articles and see it. Always a download with a sandboxing CSP (file-response.ts).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) return NOT_FOUND();
  const published = await publishedArticleFile(id);
  if (published) return fileDownload(published);
  const staff = await currentStaff();
  const file = staff && can(staff, 'writeArticles') ? await staffArticleFile(staff, id) : null;
  return file ? fileDownload(file) : NOT_FOUND();
}
