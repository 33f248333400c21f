import { StaffChrome } from '@/components/admin/staff-chrome';
import { SignInForm } from './admin/sign-in/sign-in-form';

export default function Unauthorized() {
  // Only staff pages answer 403/401: the staff portal's chrome (the root boundary renders outside app/admin/layout).
  return (
    <StaffChrome>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        <h1 className="text-2xl font-bold">请先登录</h1>
        <p className="mt-2 mb-6">此页面仅供工作人员使用，请登录后继续。</p>
        <SignInForm />
      </main>
    </StaffChrome>
  );
}
