'use client';

import { useActionState } from 'react';
import { buttonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { createKeyAction, type NewKeyState } from './actions';

export function NewKeyForm({ roles }: { roles: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState<NewKeyState, FormData>(createKeyAction, {});
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <>
      {state.key && (
        <SuccessMessage>
          <p>{state.message}密钥只显示这一次，请立即复制并交给对方系统管理员：</p>
          <p className="mt-2 rounded bg-white p-2 font-mono break-all" data-testid="new-api-key">
            {state.key}
          </p>
        </SuccessMessage>
      )}
      <form action={action} className="max-w-2xl space-y-4" noValidate key={state.key ?? 'form'}>
        {state.errors && <ErrorSummary messages={state.errors} />}
        <Field id="organization" label="使用单位" hint="例如 昆山市人民法院" error={fieldError(state, 'organization')}>
          {(p) => <input {...p} type="text" maxLength={100} defaultValue={v.organization} />}
        </Field>
        <Field id="role" label="密钥类型" error={fieldError(state, 'role')}>
          {(p) => (
            <select {...p} defaultValue={v.role ?? ''}>
              <Options options={roles} />
            </select>
          )}
        </Field>
        <Field id="label" label="用途说明（选填）" error={fieldError(state, 'label')}>
          {(p) => <input {...p} type="text" maxLength={100} defaultValue={v.label} />}
        </Field>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? '正在创建…' : '创建密钥'}
        </button>
      </form>
    </>
  );
}
