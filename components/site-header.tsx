import { MainNav } from './main-nav';
import { SkipLink } from './skip-link';

export function SiteHeader() {
  return (
    <header className="bg-brand-700 text-white">
      <SkipLink />
      <div className="border-b-4 border-accent-600">
        <div className="mx-auto flex max-w-6xl flex-wrap items-end gap-x-4 gap-y-1 px-4 py-4">
          <a href="/" className="text-3xl font-bold tracking-wider text-white no-underline">
            诚信昆山
          </a>
          <span className="pb-1 text-base text-brand-100">失信被执行人名单公示平台</span>
        </div>
      </div>
      <MainNav />
    </header>
  );
}
