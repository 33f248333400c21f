import { ListScope } from '@/components/list-scope';

/** An entry not published here (unknown, removed, restricted, expired or not yet published): no reason given. */
export default function EntryNotFound() {
  return (
    <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-12">
      <h1 className="text-2xl font-bold">未找到公示信息</h1>
      <p className="mt-3">您要查看的信息不存在，或当前不在本平台的公示范围内。</p>
      <h2 className="mt-6 text-lg font-semibold">本平台公示什么</h2>
      <ListScope className="mt-2" />
      <ul className="mt-6 list-disc space-y-2 pl-6">
        <li>
          <a href="/search" className="text-brand-700 underline">
            名单查询
          </a>
          ：用姓名、单位全称、统一社会信用代码或案号重新查询
        </li>
        <li>
          <a href="/notices" className="text-brand-700 underline">
            撤销公告
          </a>
          ：近期撤销、屏蔽的信息
        </li>
      </ul>
    </main>
  );
}
