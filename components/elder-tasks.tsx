import { SearchForm } from './search-form';

/** The home page's three tasks, with the pages that serve them. */
const TASKS = [
  {
    title: '查询失信名单',
    text: '输入姓名或单位名称，查看是否被列为失信被执行人。',
    actions: [],
  },
  {
    title: '核查交易对象',
    text: '签合同、做生意前，核查对方单位是否在失信名单中，可一次核查多家。',
    actions: [{ href: '/check', label: '开始核查' }],
  },
  {
    title: '申请纠错、异议，查询办理进度',
    text: '认为名单有错或对惩戒措施有异议的，在这里申请；已经申请的，用查询号和访问码查看办理进度。',
    actions: [
      { href: '/apply', label: '提出申请' },
      { href: '/track', label: '查询办理进度' },
    ],
  },
] as const;

const button =
  'flex min-h-16 w-full items-center justify-center rounded-lg bg-brand-700 px-6 py-3 text-center text-2xl ' +
  'font-bold text-white hover:bg-brand-800';

/** 长辈版's home page: the three tasks people come for, as big buttons (the first is the search box itself). */
export function ElderTasks() {
  return (
    <ol className="mt-6 space-y-6" aria-label="常用服务" data-testid="elder-tasks">
      {TASKS.map((task, i) => (
        <li key={task.title} className="rounded-lg border-2 border-slate-300 bg-white p-5">
          <h2 className="text-2xl font-bold">
            {i + 1}. {task.title}
          </h2>
          <p className="mt-2">{task.text}</p>
          {i === 0 ? (
            <div className="mt-4">
              <SearchForm />
            </div>
          ) : (
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              {task.actions.map((a) => (
                <a key={a.href} href={a.href} className={button}>
                  {a.label}
                </a>
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
