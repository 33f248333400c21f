import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { STAFF_PAGES } from '@/lib/auth/staff-pages';
import { ACCOUNT_PATH, can, pendingStep, requireStaff } from '@/domain/auth/staff-session';
import { signOut } from '../sign-in/actions';
import { ROLE_LABELS } from '@/lib/labels';

export const metadata: Metadata = {
  title: { default: '工作台', template: '%s · 工作台 · 诚信昆山' },
  robots: { index: false },
};

export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Each page enforces a pending step (password change, administrators' TOTP); the layout also wraps the page where it
  // is done.
  const staff = await requireStaff(null, { pendingStep: 'allow' });
  const pending = pendingStep(staff) !== null;
  const nav = pending ? [] : STAFF_PAGES.filter((p) => p.inNav && (!p.capability || can(staff, p.capability)));
  return (
    <div className="flex-1 bg-white">
      <div className="border-b border-slate-300 bg-brand-50">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <nav aria-label="工作台导航">
            <ul className="flex flex-wrap gap-x-4">
              {nav.map((p) => (
                <li key={p.path}>
                  <a href={p.path} className="text-brand-800 underline">
                    {p.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form action={signOut} className="flex items-center gap-3 text-sm">
            <a
              href={ACCOUNT_PATH}
              className="text-brand-800 underline"
              aria-label={`我的账号：${staff.name}（${ROLE_LABELS[staff.role]}）`}
            >
              {staff.name}（{ROLE_LABELS[staff.role]}）
            </a>
            <button type="submit" className="rounded border border-brand-700 px-3 py-1 text-brand-800 hover:bg-white">
              退出登录
            </button>
          </form>
        </div>
      </div>
      {children}
    </div>
  );
}
