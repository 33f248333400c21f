'use client';

import { useActionState } from 'react';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { buttonClass, Field, Options } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { ARTICLE_LIMITS, type ArticleKind } from '@/lib/articles/terms';
import { fieldError, type FormState } from '@/lib/form-state';
import { ARTICLE_KIND_LABELS } from '@/lib/labels';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type Draft = { kind: string; title: string; summary: string; body: string; entryUid: string };

const L = ARTICLE_LIMITS;

/** A new article or the author's draft: section, title, summary, Markdown body, and a 典型案例's entry. */
export function ArticleForm({
  action,
  kinds,
  initial,
  submitLabel,
}: {
  action: Action;
  kinds: readonly ArticleKind[];
  initial?: Draft;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = { ...initial, ...state.values };
  return (
    <form action={formAction} className="max-w-3xl space-y-4" noValidate>
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <Field id="kind" label="栏目" error={fieldError(state, 'kind')}>
        {(p) => (
          <select {...p} key={v.kind ?? ''} defaultValue={v.kind ?? (kinds.length === 1 ? kinds[0] : '')}>
            <Options options={kinds.map((k) => ({ value: k, label: ARTICLE_KIND_LABELS[k] }))} />
          </select>
        )}
      </Field>
      <Field id="title" label="标题" hint={`最多 ${L.title} 字`} error={fieldError(state, 'title')}>
        {(p) => <input {...p} type="text" maxLength={L.title} defaultValue={v.title} />}
      </Field>
      <Field
        id="summary"
        label="摘要（选填）"
        hint={`最多 ${L.summary} 字，显示在列表和 RSS 中`}
        error={fieldError(state, 'summary')}
      >
        {(p) => <textarea {...p} rows={2} maxLength={L.summary} defaultValue={v.summary} />}
      </Field>
      <Field
        id="body"
        label="正文"
        hint={
          '使用 Markdown：# 标题、**加粗**、- 列表、[文字](https://…) 链接；不支持 HTML。' +
          '图片只能引用本文已上传的附件：![说明](/articles/files/附件编号)。'
        }
        error={fieldError(state, 'body')}
      >
        {(p) => <textarea {...p} rows={16} defaultValue={v.body} />}
      </Field>
      <Field
        id="entryUid"
        label="关联名单信息（选填，仅典型案例）"
        hint="填写信息唯一标识；该信息不再公示时，文章中不显示它的任何内容"
        error={fieldError(state, 'entryUid')}
      >
        {(p) => <input {...p} type="text" maxLength={64} defaultValue={v.entryUid} />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在保存…' : submitLabel}
      </button>
    </form>
  );
}

/** PDF, JPG or PNG attachments, judged by their content on the server. */
export function AttachForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="max-w-3xl space-y-3" noValidate>
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      <Field
        id="files"
        label="上传附件"
        hint={`PDF、JPG 或 PNG，每个不超过 10 MB，每篇最多 ${L.files} 个`}
        error={fieldError(state, 'files')}
      >
        {(p) => <input {...p} type="file" multiple accept=".pdf,.jpg,.jpeg,.png" />}
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? '正在上传…' : '上传'}
      </button>
    </form>
  );
}

/** A step with nothing to fill in (提交审核, 删除附件). */
export function StepButton({ action, label, pendingLabel }: { action: Action; label: string; pendingLabel: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      {state.errors && <ErrorSummary messages={state.errors} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}

/** The reviewer's two answers: publish (asked twice) or send back with a reason. */
export function ReviewForms({ approve, send, title }: { approve: Action; send: Action; title: string }) {
  const [approved, approveAction, approving] = useActionState(approve, {});
  const [returned, returnAction, returning] = useActionState(send, {});
  return (
    <div className="space-y-4">
      <form action={approveAction}>
        {approved.errors && <ErrorSummary messages={approved.errors} />}
        <ConfirmSubmit
          label="审核通过并发布"
          title="审核通过并发布该文章"
          object={title}
          consequence="通过后文章立即在首页、栏目列表和 RSS 订阅中公开。发布后不能修改，只能撤回。"
          pending={approving}
        />
      </form>
      <details open={Boolean(returned.errors)} className="rounded border border-slate-300 p-3">
        <summary className="cursor-pointer font-semibold text-brand-800">退回修改</summary>
        <form action={returnAction} className="mt-3 space-y-3" noValidate>
          {returned.errors && <ErrorSummary messages={returned.errors} />}
          <Field id="note" label="退回理由" error={fieldError(returned, 'note')}>
            {(p) => <textarea {...p} rows={3} maxLength={L.note} defaultValue={returned.values?.note} />}
          </Field>
          <button type="submit" className={buttonClass} disabled={returning}>
            {returning ? '正在退回…' : '退回'}
          </button>
        </form>
      </details>
    </div>
  );
}

/** Withdrawing, with its reason, asked twice: irreversible. */
export function WithdrawForm({ action, title }: { action: Action; title: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="max-w-3xl space-y-3" noValidate>
      {state.errors && <ErrorSummary messages={state.errors} />}
      <Field id="note" label="撤回理由" error={fieldError(state, 'note')}>
        {(p) => <textarea {...p} rows={3} maxLength={L.note} defaultValue={state.values?.note} />}
      </Field>
      <ConfirmSubmit
        label="撤回"
        title="撤回该文章"
        object={title}
        consequence="撤回后文章立即从首页、栏目列表、详情页和 RSS 订阅中移除，且不能再次发布。"
        danger
        pending={pending}
      />
    </form>
  );
}
