'use client';

import { useActionState } from 'react';
import { buttonClass, Field } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { openApplication } from './actions';

export function TrackForm() {
  const [state, action, pending] = useActionState(openApplication, {});
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <Field id="trackingNo" label="查询号" hint="形如 SQ20261127ABC123" error={fieldError(state, 'trackingNo')}>
        {(p) => <input {...p} type="text" maxLength={40} autoComplete="off" defaultValue={state.values?.trackingNo} />}
      </Field>
      <Field id="accessCode" label="访问码" error={fieldError(state, 'accessCode')}>
        {(p) => <input {...p} type="password" maxLength={20} autoComplete="off" />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在查询…' : '查询'}
      </button>
    </form>
  );
}
