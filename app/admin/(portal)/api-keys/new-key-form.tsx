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
            <select {...p} key={v.role ?? ''} defaultValue={v.role ?? ''}>
              <Options options={roles} />
            </select>
          )}
        </Field>
        <div>
          <label className="flex items-center gap-2">
            <input
              id="fullIdentifiers"
              type="checkbox"
              name="fullIdentifiers"
              defaultChecked={v.fullIdentifiers === 'on'}
              aria-describedby="fullIdentifiers-hint"
            />
            返回自然人完整身份证号码
          </label>
          <p id="fullIdentifiers-hint" className="text-sm text-slate-700">
            仅限联动单位密钥，用于变更通知和批量比对；不勾选则证件号码打码。
          </p>
          {fieldError(state, 'fullIdentifiers') && (
            <p className="font-semibold text-accent-600">{fieldError(state, 'fullIdentifiers')}</p>
          )}
        </div>
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
