'use client';

import { useActionState } from 'react';
import { buttonClass, Field, Options, SuccessMessage } from '@/components/admin/fields';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';
import { ReviewsRemovalsField } from '../reviews-removals-field';
import { changeRoleAction, resetPasswordAction, resetTotpAction, setDisabledAction, type ResetState } from '../actions';

type Option = { value: string; label: string };

export function RoleForm({
  userId,
  account,
  current,
  roles,
  units,
  courts,
}: {
  userId: string;
  account: string;
  current: { role: string; departmentCode: string; court: string; reviewsRemovals: string };
  roles: Option[];
  units: Option[];
  courts: Option[];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(changeRoleAction.bind(null, userId), {});
  const v = state.ok ? current : { ...current, ...(state.values ?? {}) };
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary messages={state.errors} />}
      <p className="text-slate-800">
        联动单位经办人须选择成员单位；法院执行干警可选择法院（不选即为昆山市人民法院）；其他角色两项都不选。
      </p>
      <Field id="role" label="新角色" error={fieldError(state, 'role')}>
        {(p) => (
          <select {...p} key={`role-${v.role}`} defaultValue={v.role}>
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
          <select {...p} key={`unit-${v.departmentCode}`} defaultValue={v.departmentCode}>
            <Options options={units} empty="（无）" />
          </select>
        )}
      </Field>
      <Field id="court" label="所属法院" hint="仅法院执行干警填写" error={fieldError(state, 'court')}>
        {(p) => (
          <select {...p} key={`court-${v.court}`} defaultValue={v.court}>
            <Options options={courts} empty="（无）" />
          </select>
        )}
      </Field>
      <ReviewsRemovalsField checked={v.reviewsRemovals === 'yes'} error={fieldError(state, 'reviewsRemovals')} />
      <ConfirmSubmit
        label="变更角色"
        title="变更该账号的角色"
        object={account}
        consequence="变更后该账号的权限随新角色改变，其所有登录状态立即结束，须重新登录。"
        pending={pending}
      />
    </form>
  );
}

export function ResetPasswordForm({ userId, account }: { userId: string; account: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction.bind(null, userId), {});
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {state.ok && (
        <SuccessMessage>
          <p>{state.message}临时密码只显示这一次，请通过安全渠道告知本人：</p>
          <p className="mt-2 rounded bg-white p-2 font-mono text-lg" data-testid="temporary-password">
            {state.password}
          </p>
        </SuccessMessage>
      )}
      {state.errors && <ErrorSummary messages={state.errors} />}
      <p className="text-slate-800">
        为忘记密码的本人设置一个临时密码。原密码立即失效，该账号的所有登录状态结束；本人用临时密码登录后须先修改密码。
      </p>
      <ConfirmSubmit
        label="重置密码"
        title="重置该账号的密码"
        object={account}
        consequence="原密码立即失效，该账号的所有登录状态结束；新的临时密码只显示一次。"
        danger
        pending={pending}
      />
    </form>
  );
}

/** Clears a lost second factor: the user enrols again at the next sign-in. */
export function ResetTotpForm({ userId, account }: { userId: string; account: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resetTotpAction.bind(null, userId), {});
  if (state.ok) return <SuccessMessage>{state.message}</SuccessMessage>;
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {state.errors && <ErrorSummary messages={state.errors} />}
      <p className="text-slate-800">
        本人的动态口令设备丢失或更换时使用。清除后原动态口令和备用码全部失效，该账号的所有登录状态结束，本人下次登录后重新绑定。
      </p>
      <ConfirmSubmit
        label="清除动态口令"
        title="清除该账号的动态口令"
        object={account}
        consequence="原动态口令和备用码立即失效，该账号的所有登录状态结束；本人下次登录后须重新绑定。"
        danger
        pending={pending}
      />
    </form>
  );
}

export function DisableForm({ userId, account, banned }: { userId: string; account: string; banned: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setDisabledAction.bind(null, userId), {});
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary messages={state.errors} />}
      <input type="hidden" name="disable" value={banned ? 'no' : 'yes'} />
      {banned ? (
        <>
          <p className="text-slate-800">该账号已停用。启用后本人可以用原密码重新登录。</p>
          <button type="submit" className={buttonClass} disabled={pending}>
            启用账号
          </button>
        </>
      ) : (
        <>
          <p className="text-slate-800">
            停用后该账号不能再登录，其所有登录状态立即结束；调离或离职人员的账号应及时停用。
          </p>
          <ConfirmSubmit
            label="停用账号"
            title="停用该账号"
            object={account}
            consequence="该账号立即不能登录，正在使用的登录状态全部结束。"
            danger
            pending={pending}
          />
        </>
      )}
    </form>
  );
}
