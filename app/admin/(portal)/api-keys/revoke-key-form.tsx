'use client';

import { useActionState } from 'react';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import type { FormState } from '@/lib/form-state';
import { revokeKeyAction } from './actions';

/**
 * 吊销, asked twice: the dialog names the key's organisation, and warns that a court key is the court's live push key.
 */
export function RevokeKeyForm({
  id,
  organization,
  kind,
  court,
  revoked,
}: {
  id: string;
  organization: string;
  kind: string;
  court: boolean;
  revoked: string | null;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeKeyAction.bind(null, id), {});
  if (revoked) {
    return (
      <>
        {state.ok && (
          <p role="status" className="mb-1 font-semibold text-green-800">
            {state.message}
          </p>
        )}
        已吊销（{revoked}）
      </>
    );
  }
  return (
    <form action={action} aria-label={`吊销密钥 ${id}`}>
      {state.errors && (
        <p role="alert" className="mb-1 font-semibold text-accent-600">
          {state.errors[0]!.message}
        </p>
      )}
      <ConfirmSubmit
        label="吊销"
        title={`吊销${organization}的密钥`}
        object={
          <>
            <p className="font-semibold">{organization}</p>
            <p>
              {kind}密钥 <span className="font-mono">{id}</span>
            </p>
          </>
        }
        consequence={
          court ? (
            <strong className="text-accent-600">
              这是法院推送密钥：法院执行系统正在用它实时推送、撤销失信信息。吊销后推送立即中断，须先为法院签发新密钥并由法院完成更换，否则撤销将无法及时生效。
            </strong>
          ) : (
            '吊销后使用该密钥的系统立即无法调用接口，须重新签发密钥。'
          )
        }
        danger
        pending={pending}
      />
    </form>
  );
}
