import { StaffChrome } from '@/components/admin/staff-chrome';

export default function Forbidden() {
  // Only staff pages answer 403/401: the staff portal's chrome (the root boundary renders outside app/admin/layout).
  return (
    <StaffChrome>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        <h1 className="text-2xl font-bold">无权访问</h1>
        <p className="mt-2">您的账号角色无权查看此页面。如需开通，请联系系统管理员。</p>
        <p className="mt-4">
          <a href="/admin" className="text-brand-700 underline">
            返回工作台
          </a>
        </p>
      </main>
    </StaffChrome>
  );
}
