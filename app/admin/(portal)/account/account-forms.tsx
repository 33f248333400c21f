'use client';

import { useActionState } from 'react';
import { buttonClass, Field, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';
import {
  changePasswordAction,
  confirmTotpAction,
  disableTotpAction,
  startTotpAction,
  type EnrolState,
} from './actions';

export function PasswordForm({ minPassword }: { minPassword: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.ok && (
        <SuccessMessage>
          <p>{state.message}</p>
          <p className="mt-1">
            <a href="/admin" className="underline">
              进入工作台
            </a>
          </p>
        </SuccessMessage>
      )}
      {state.errors && <ErrorSummary messages={state.errors} />}
      <Field id="currentPassword" label="当前密码" error={fieldError(state, 'currentPassword')}>
        {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={128} />}
      </Field>
      <Field
        id="newPassword"
        label="新密码"
        hint={`至少 ${minPassword} 个字符，不能与当前密码相同`}
        error={fieldError(state, 'newPassword')}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" maxLength={128} />}
      </Field>
      <Field id="repeatPassword" label="再次输入新密码" error={fieldError(state, 'repeatPassword')}>
        {(p) => <input {...p} type="password" autoComplete="new-password" maxLength={128} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在修改…' : '修改密码'}
      </button>
    </form>
  );
}

/** Enrolment: the password, then the QR code (or the secret to type) and the backup codes, then a code from the app. */
export function EnrolTotpForm() {
  const [started, start, starting] = useActionState<EnrolState, FormData>(startTotpAction, {});
  const [confirmed, confirm, confirming] = useActionState<EnrolState, FormData>(confirmTotpAction, {});
  if (started.step !== 'code') {
    return (
      <form action={start} className="mt-4 max-w-md space-y-4" noValidate>
        {started.errors && <ErrorSummary messages={started.errors} />}
        <Field id="password" label="当前密码" hint="为确认是您本人操作" error={fieldError(started, 'password')}>
          {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={128} />}
        </Field>
        <button type="submit" className={buttonClass} disabled={starting}>
          {starting ? '正在生成…' : '开始设置动态口令'}
        </button>
      </form>
    );
  }
  return (
    <div className="mt-4 space-y-4">
      <ol className="list-decimal space-y-4 pl-6">
        <li>
          <p>用身份验证器应用扫描二维码：</p>
          <div
            role="img"
            aria-label="动态口令设置二维码"
            className="mt-2 w-56 border border-slate-300 bg-white"
            dangerouslySetInnerHTML={{ __html: started.qrSvg ?? '' }}
          />
          <p className="mt-2">
            无法扫描时，在应用中选择“手动输入”，账号填您的电子邮箱，密钥填：
            <code data-testid="totp-secret" className="ml-1 rounded bg-slate-100 px-2 py-1 font-mono break-all">
              {started.secret}
            </code>
            （基于时间，6 位数字，30 秒）
          </p>
        </li>
        <li>
          <p>
            保存以下备用码（只显示这一次）：手机不在身边时，每个备用码可代替动态口令登录一次。请抄写或打印后妥善保管。
          </p>
          <ul data-testid="backup-codes" className="mt-2 grid max-w-md grid-cols-2 gap-1 font-mono">
            {started.backupCodes?.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </li>
        <li>
          <form action={confirm} className="max-w-md space-y-4" noValidate>
            {confirmed.errors && <ErrorSummary messages={confirmed.errors} />}
            <Field
              id="code"
              label="动态口令"
              hint="输入应用中“诚信昆山”下当前显示的 6 位数字"
              error={fieldError(confirmed, 'code')}
            >
              {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />}
            </Field>
            <button type="submit" className={buttonClass} disabled={confirming}>
              {confirming ? '正在验证…' : '验证并启用'}
            </button>
          </form>
        </li>
      </ol>
    </div>
  );
}

export function DisableTotpForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(disableTotpAction, {});
  return (
    <form action={action} className="mt-4 max-w-md space-y-4" noValidate>
      {state.errors && <ErrorSummary messages={state.errors} />}
      <Field
        id="disablePassword"
        label="当前密码"
        hint="停用前请确认是您本人操作"
        error={fieldError(state, 'disablePassword')}
      >
        {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={128} />}
      </Field>
      <button
        type="submit"
        className="rounded border border-accent-600 px-5 py-2 font-semibold text-accent-600 hover:bg-red-50"
        disabled={pending}
      >
        停用动态口令
      </button>
    </form>
  );
}
