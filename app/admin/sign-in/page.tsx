import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentStaff } from '@/domain/auth/staff-session';
import { LIMITS } from '@/domain/http/rate-limit';
import { LOCKOUT_AFTER, LOCKOUT_MINUTES } from '@/domain/auth/staff';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: '工作人员登录', robots: { index: false } };

export default async function SignInPage() {
  if (await currentStaff()) redirect('/admin');
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">工作人员登录</h1>
      <p className="mt-2 mb-6 max-w-2xl text-slate-800">
        供法院、市信用办和联动单位工作人员使用。账号由系统管理员开设；在同一网络中连续 {LOCKOUT_AFTER}{' '}
        次密码错误，须等待 {LOCKOUT_MINUTES} 分钟才能再次登录；错误次数继续增加，等待时间将延长至{' '}
        {LIMITS.signInPerClientAccountDay.blockDuration / 3600} 小时。
      </p>
      <SignInForm />
    </main>
  );
}
