'use client';

import { usePathname } from 'next/navigation';

const NAV = [
  { href: '/', label: '首页' },
  { href: '/search', label: '名单查询' },
  { href: '/check', label: '企业核查' },
  { href: '/notices', label: '撤销公告' },
  { href: '/measures', label: '联合惩戒措施' },
  { href: '/departments', label: '成员单位' },
  { href: '/apply', label: '异议与纠错' },
  { href: '/track', label: '申请查询' },
  { href: '/stats', label: '统计' },
];

export function MainNav() {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href));
  return (
    <nav aria-label="主导航" className="bg-brand-800">
      <ul className="mx-auto flex max-w-6xl flex-wrap px-2">
        {NAV.map((item) => (
          <li key={item.href}>
            {/* Plain links: every page with registry data is fetched fresh, never from a client cache. */}
            <a
              href={item.href}
              aria-current={isCurrent(item.href) ? 'page' : undefined}
              className={
                'block px-3 py-2.5 ' +
                'text-white hover:bg-brand-900 aria-[current=page]:bg-brand-900 aria-[current=page]:font-semibold'
              }
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
