'use client';

import { useActionState } from 'react';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { buttonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';
import { WEBHOOK_LIMITS } from '@/lib/validation/webhooks';
import { disableWebhookAction, redeliverAction, registerWebhookAction, type NewWebhookState } from './actions';

export function NewWebhookForm({ units }: { units: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState<NewWebhookState, FormData>(registerWebhookAction, {});
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <>
      {state.ok && (
        <SuccessMessage>
          <p>{state.message}</p>
          {state.secret && (
            <>
              <p className="mt-2">签名密钥只显示这一次，请立即复制并交给该单位系统管理员：</p>
              <p className="mt-2 rounded bg-white p-2 font-mono break-all" data-testid="new-webhook-secret">
                {state.secret}
              </p>
            </>
          )}
        </SuccessMessage>
      )}
      <form action={action} className="max-w-2xl space-y-4" noValidate key={state.ok ? state.message : 'form'}>
        {state.errors && <ErrorSummary messages={state.errors} />}
        <Field id="departmentCode" label="接收单位" error={fieldError(state, 'departmentCode')}>
          {(p) => (
            <select {...p} key={v.departmentCode ?? ''} defaultValue={v.departmentCode ?? ''}>
              <Options options={units} />
            </select>
          )}
        </Field>
        <Field
          id="url"
          label="接收地址"
          hint="该单位系统接收推送的 https 地址，例如 https://xt.example.gov.cn/chengxin/hooks"
          error={fieldError(state, 'url')}
        >
          {(p) => <input {...p} type="url" maxLength={WEBHOOK_LIMITS.url} defaultValue={v.url} />}
        </Field>
        <Field
          id="secret"
          label="签名密钥（选填）"
          hint={`${WEBHOOK_LIMITS.secretMin} 至 ${WEBHOOK_LIMITS.secretMax} 个可见字符；留空则由平台生成并只显示一次。`}
          error={fieldError(state, 'secret')}
        >
          {(p) => <input {...p} type="password" autoComplete="off" maxLength={WEBHOOK_LIMITS.secretMax} />}
        </Field>
        <div>
          <label className="flex items-center gap-2">
            <input
              id="fullIdentifiers"
              type="checkbox"
              name="fullIdentifiers"
              defaultChecked={v.fullIdentifiers === 'on'}
              aria-describedby="webhook-full-hint"
            />
            推送自然人完整身份证号码
          </label>
          <p id="webhook-full-hint" className="text-sm text-slate-700">
            仅限依法需要完整号码的单位；每批完整号码的推送都记入审计日志。不勾选则证件号码打码。
          </p>
        </div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? '正在登记…' : '登记接收地址'}
        </button>
      </form>
    </>
  );
}

export function DisableWebhookForm({ id, organization, url }: { id: number; organization: string; url: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(disableWebhookAction.bind(null, id), {});
  if (state.ok) return <p role="status">{state.message}</p>;
  return (
    <form action={action} aria-label={`停用${organization}的接收地址`}>
      {state.errors && (
        <p role="alert" className="mb-1 font-semibold text-accent-600">
          {state.errors[0]!.message}
        </p>
      )}
      <ConfirmSubmit
        label="停用"
        title={`停用${organization}的接收地址`}
        object={<p className="font-mono break-all">{url}</p>}
        consequence="停用后不再向该地址推送变更事件，须重新登记才能恢复（重新登记从登记时起推送）。"
        danger
        pending={pending}
      />
    </form>
  );
}

/** 重新推送: one delivery (deliveryId) or every failed one of the endpoint (null). */
export function RedeliverForm({ endpointId, deliveryId }: { endpointId: number; deliveryId: number | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(
    redeliverAction.bind(null, endpointId, deliveryId),
    {},
  );
  return (
    <form action={action} aria-label={deliveryId === null ? '重新推送全部失败记录' : `重新推送记录 ${deliveryId}`}>
      {state.ok && <p role="status">{state.message}</p>}
      {state.errors && (
        <p role="alert" className="font-semibold text-accent-600">
          {state.errors[0]!.message}
        </p>
      )}
      {!state.ok && (
        <button type="submit" className="text-brand-700 underline disabled:opacity-60" disabled={pending}>
          {deliveryId === null ? '重新推送全部失败记录' : '重新推送'}
        </button>
      )}
    </form>
  );
}
