import type { Metadata } from 'next';
import { MIN_PASSWORD_LENGTH } from '@/domain/auth/staff';
import { pendingStep, requireStaff } from '@/domain/auth/staff-session';
import { SuccessMessage } from '@/components/admin/fields';
import { DisableTotpForm, EnrolTotpForm, PasswordForm } from './account-forms';
import { ROLE_LABELS } from '@/lib/labels';

export const metadata: Metadata = { title: '我的账号' };

const DONE = {
  enabled: '已启用动态口令。今后每次登录，输入密码后还须输入身份验证器显示的动态口令。',
  disabled: '已停用动态口令。',
} as const;

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ totp?: string }> }) {
  // The one page a pending step allows (domain/auth/staff-session.ts): it is where that step is done.
  const staff = await requireStaff(null, { pendingStep: 'allow' });
  const step = pendingStep(staff);
  const { totp } = await searchParams;
  const done = totp === 'enabled' || totp === 'disabled' ? DONE[totp] : null;
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold">我的账号</h1>
      <p className="mt-2 text-slate-800">
        {staff.name}（{staff.email}，{ROLE_LABELS[staff.role]}）
      </p>
      {done && <SuccessMessage>{done}</SuccessMessage>}
      {step === 'password' && (
        <div role="alert" data-testid="pending-step" className="mt-4 rounded border-2 border-amber-600 bg-amber-50 p-4">
          <p className="font-semibold">您的密码由系统管理员设置，请先修改密码，然后才能使用工作台的其他功能。</p>
        </div>
      )}
      {step === 'totp' && (
        <div role="alert" data-testid="pending-step" className="mt-4 rounded border-2 border-amber-600 bg-amber-50 p-4">
          <p className="font-semibold">
            系统管理员账号须启用动态口令（第二重身份验证），启用后才能使用工作台的其他功能。
          </p>
        </div>
      )}
      {!step && (
        <p className="mt-4">
          <a href="/admin" className="text-brand-700 underline">
            进入工作台
          </a>
        </p>
      )}
      <section aria-labelledby="password-title" className="mt-8">
        <h2 id="password-title" className="mb-2 text-xl font-bold">
          修改密码
        </h2>
        <PasswordForm minPassword={MIN_PASSWORD_LENGTH} />
      </section>
      {step !== 'password' && (
        <section aria-labelledby="totp-title" className="mt-8">
          <h2 id="totp-title" className="mb-2 text-xl font-bold">
            动态口令
          </h2>
          {staff.twoFactorEnabled ? (
            <>
              <p data-testid="totp-status">已启用：登录时除密码外，还须输入身份验证器应用显示的动态口令。</p>
              {staff.role === 'admin' ? (
                <p className="mt-2 text-slate-800">
                  系统管理员必须使用动态口令，不能停用。手机遗失时请联系另一位系统管理员处理。
                </p>
              ) : (
                <DisableTotpForm />
              )}
            </>
          ) : (
            <>
              <p className="max-w-3xl text-slate-800">
                动态口令是第二重身份验证：在手机上安装身份验证器应用（如 Microsoft Authenticator、Google Authenticator
                或 FreeOTP），扫描二维码后，应用每 30 秒生成一组 6 位数字，登录时须一并输入。
                {staff.role === 'admin' ? '系统管理员必须启用。' : '建议启用（可选）。'}
              </p>
              <EnrolTotpForm />
            </>
          )}
        </section>
      )}
    </main>
  );
}
