import { ARTICLE_KINDS, ARTICLE_SECTIONS } from '@/lib/articles/terms';
import { ARTICLE_KIND_LABELS } from '@/lib/labels';

/** An article not published here (unknown, not yet published, withdrawn) or an unknown section: no reason given. */
export default function ArticleNotFound() {
  return (
    <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-12">
      <h1 className="text-2xl font-bold">未找到该文章</h1>
      <p className="mt-3">您要查看的文章不存在、尚未发布或已撤回。请在以下栏目中查看：</p>
      <ul className="mt-4 list-disc space-y-2 pl-6">
        {ARTICLE_KINDS.map((kind) => (
          <li key={kind}>
            <a href={`/articles/${ARTICLE_SECTIONS[kind]}`} className="text-brand-700 underline">
              {ARTICLE_KIND_LABELS[kind]}
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
