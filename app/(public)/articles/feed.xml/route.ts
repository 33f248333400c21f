import { connection } from 'next/server';
import { latestArticles } from '@/domain/publishing/public-articles';
import { articlePath, FEED_PATH } from '@/lib/articles/terms';
import { rssFeed } from '@/lib/articles/rss';
import { ARTICLE_KIND_LABELS } from '@/lib/labels';

/** GET /articles/feed.xml: RSS 2.0 of the newest published articles, read per request (a withdrawal shows at once). */
export async function GET(request: Request) {
  await connection();
  // Links must be absolute: the configured origin, or the one the request came to.
  const origin = process.env.SITE_URL?.replace(/\/$/, '') ?? new URL(request.url).origin;
  const articles = await latestArticles(50);
  const xml = rssFeed({
    title: '诚信昆山 · 信用动态与公告',
    link: `${origin}/`,
    self: `${origin}${FEED_PATH}`,
    description: '昆山市失信被执行人联合惩戒的通知公告、信用动态、典型案例和政策文件',
    items: articles.map((a) => ({
      title: a.title,
      link: `${origin}${articlePath(a)}`,
      description: a.excerpt,
      category: ARTICLE_KIND_LABELS[a.kind],
      publishedAt: a.publishedAt,
    })),
  });
  return new Response(xml, {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
