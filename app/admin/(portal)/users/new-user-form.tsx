'use client';

import { useActionState } from 'react';
import { buttonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { createUserAction } from './actions';
import { ReviewsRemovalsField } from './reviews-removals-field';

type Option = { value: string; label: string };

export function NewUserForm({
  roles,
  units,
  courts,
  minPassword,
}: {
  roles: Option[];
  units: Option[];
  courts: Option[];
  minPassword: number;
}) {
  const [state, action, pending] = useActionState(createUserAction, {});
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate key={state.ok ? state.message : 'form'}>
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary messages={state.errors} />}
      <Field id="name" label="姓名" error={fieldError(state, 'name')}>
        {(p) => <input {...p} type="text" maxLength={50} defaultValue={v.name} />}
      </Field>
      <Field id="email" label="电子邮箱（登录名）" error={fieldError(state, 'email')}>
        {(p) => <input {...p} type="email" maxLength={254} autoComplete="off" defaultValue={v.email} />}
      </Field>
      <Field id="password" label="初始密码" hint={`至少 ${minPassword} 个字符`} error={fieldError(state, 'password')}>
        {(p) => <input {...p} type="password" autoComplete="new-password" maxLength={128} />}
      </Field>
      <Field id="role" label="角色" error={fieldError(state, 'role')}>
        {(p) => (
          <select {...p} key={v.role ?? ''} defaultValue={v.role ?? ''}>
            <Options options={roles} />
          </select>
        )}
      </Field>
      <Field
        id="departmentCode"
        label="所属成员单位"
        hint="仅联动单位经办人填写"
        error={fieldError(state, 'departmentCode')}
      >
        {(p) => (
          <select {...p} key={v.departmentCode ?? ''} defaultValue={v.departmentCode ?? ''}>
            <Options options={units} empty="（无）" />
          </select>
        )}
      </Field>
      <Field
        id="court"
        label="所属法院"
        hint="仅法院执行干警填写；不选即为昆山市人民法院"
        error={fieldError(state, 'court')}
      >
        {(p) => (
          <select {...p} key={v.court ?? ''} defaultValue={v.court ?? ''}>
            <Options options={courts} empty="（无）" />
          </select>
        )}
      </Field>
      <ReviewsRemovalsField checked={v.reviewsRemovals === 'yes'} error={fieldError(state, 'reviewsRemovals')} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在创建…' : '创建账号'}
      </button>
    </form>
  );
}
