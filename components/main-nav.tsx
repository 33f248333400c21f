'use client';

import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { NAV_LINKS } from '@/lib/site-map';

/** The main navigation: a row of links on wide screens, behind a 菜单 button on phones. */
export function MainNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const isCurrent = (href: string) => (href === '/' ? pathname === '/' : pathname.startsWith(href));
  return (
    <nav aria-label="主导航" className="bg-brand-800">
      <div className="mx-auto max-w-6xl px-2">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="main-nav-links"
          onClick={() => setOpen(!open)}
          className="flex min-h-11 w-full items-center justify-between px-3 text-left text-white md:hidden"
        >
          <span>{NAV_LINKS.find((l) => l.href !== '/' && isCurrent(l.href))?.label ?? '栏目导航'}</span>
          <span className="rounded border border-white/60 px-3 py-1 text-sm">{open ? '收起菜单' : '菜单'}</span>
        </button>
        <ul id="main-nav-links" className={`${open ? 'grid' : 'hidden'} grid-cols-2 pb-2 md:flex md:flex-wrap md:pb-0`}>
          {NAV_LINKS.map((item) => (
            <li key={item.href}>
              {/* Plain links: every page with registry data is fetched fresh, never from a client cache. */}
              <a
                href={item.href}
                aria-current={isCurrent(item.href) ? 'page' : undefined}
                className={
                  'flex min-h-11 items-center px-3 ' +
                  'text-white hover:bg-brand-900 aria-[current=page]:bg-brand-900 aria-[current=page]:font-semibold'
                }
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
