'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/error-summary';
import { buttonClass, Field } from '@/components/admin/fields';
import { fieldError } from '@/lib/form-state';
import { signIn } from './actions';

export function SignInForm() {
  const [state, action, pending] = useActionState(signIn, {});
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.errors && <ErrorSummary messages={state.errors} />}
      <Field id="email" label="电子邮箱" error={fieldError(state, 'email')}>
        {(p) => <input {...p} type="email" autoComplete="username" defaultValue={state.values?.email} maxLength={254} />}
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
