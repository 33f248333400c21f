'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { buttonClass, Field } from '@/components/admin/fields';
import { fieldError } from '@/lib/form-state';
import { signIn, type SignInState } from './actions';

export function SignInForm() {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  if (state.step === 'code') {
    return (
      <form action={action} className="max-w-md space-y-4" noValidate>
        {state.errors && <ErrorSummary messages={state.errors} />}
        <p>
          密码正确。该账号已启用动态口令，请打开身份验证器应用，输入“诚信昆山”下显示的 6
          位数字；手机不在身边时，可输入一个备用码（每个只能用一次）。
        </p>
        <Field id="code" label="动态口令" hint="6 位数字，或备用码" error={fieldError(state, 'code')}>
          {(p) => (
            <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={40} autoFocus />
          )}
        </Field>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? '正在验证…' : '验证并登录'}
        </button>
      </form>
    );
  }
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.errors && <ErrorSummary messages={state.errors} />}
      <Field id="email" label="电子邮箱" error={fieldError(state, 'email')}>
        {(p) => (
          <input {...p} type="email" autoComplete="username" defaultValue={state.values?.email} maxLength={254} />
        )}
      </Field>
      <Field id="password" label="密码" error={fieldError(state, 'password')}>
        {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={128} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}
