'use client';

import { useActionState, useState } from 'react';
import { buttonClass, Field, SuccessMessage } from '@/components/admin/fields';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

type DecisionChoice = { decision: string; label: string; explanation: string };
type Reason = { code: string; label: string };

const STEP_BUTTONS = {
  accepted: { label: '受理', hint: '材料齐全、符合受理条件：受理后进入审查，可随时作出决定。' },
  under_review: { label: '开始审查', hint: '需要较长时间核实时，告知申请人已进入审查（可跳过，直接作出决定）。' },
  closed: { label: '办结', hint: '决定已送达申请人：归档本案。' },
} as const;

/** What the page proposes for each status, in one sentence. */
const PROPOSAL: Record<string, string> = {
  submitted: '请先审核材料：符合条件的受理；不符合受理条件的不予受理；材料不全的一次性告知需要补正的材料。',
  accepted: '已受理：可直接作出决定，或先开始审查；材料不全时可要求补正。',
  under_review: '审查中：作出决定；材料不全时可要求补正。',
  awaiting_material: '补正期限已过，申请人未补正：',
  decided: '已作出决定：决定送达后办结。',
};

/**
 * The steps a case allows now, one form each, the next step proposed first. 不予受理 and the
 * decision end the case and are asked twice (ConfirmSubmit), naming the case, the subject and
 * the outcome. `measures`: an objection's measures this unit implements, for 部分成立.
 */
export function CaseActions({
  action,
  status,
  next,
  decisions,
  measures,
  refusalReasons,
  caseName,
  idle,
}: {
  action: Action;
  status: string;
  next: string[];
  decisions: readonly DecisionChoice[];
  measures: { no: number; text: string }[];
  refusalReasons: readonly Reason[];
  /** "纠错申请 SQ… · 被执行人 张三（(2024)苏0583执1号）": what the confirmation names. */
  caseName: string;
  /** What the page says when no step is open to staff now (waiting for the applicant, or ended). */
  idle: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const [decision, setDecision] = useState<string | undefined>(v.decision);
  const [reason, setReason] = useState<string | undefined>(v.refusalReason);
  const chosen = decisions.find((d) => d.decision === decision);
  const onlyReason =
    status === 'awaiting_material'
      ? refusalReasons.filter((r) => r.code === 'material_not_supplied')
      : refusalReasons.filter((r) => r.code !== 'material_not_supplied');
  const from = <input type="hidden" name="from" value={status} />;
  return (
    <div className="space-y-4">
      {state.ok && <SuccessMessage>{state.message}</SuccessMessage>}
      {state.errors && <ErrorSummary key={JSON.stringify(state.errors)} messages={state.errors} />}
      {next.length === 0 && (
        <p className="font-semibold" data-testid="next-step">
          {idle}
        </p>
      )}
      {next.length > 0 && PROPOSAL[status] && (
        <p className="font-semibold" data-testid="next-step">
          下一步：{PROPOSAL[status]}
          {status === 'awaiting_material' && (next.includes('refused') ? '可以不予受理。' : '请按现有材料作出决定。')}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {next
          .filter((s): s is keyof typeof STEP_BUTTONS => s in STEP_BUTTONS)
          .map((s) => (
            <form key={s} action={formAction} className="max-w-xs">
              <input type="hidden" name="to" value={s} />
              {from}
              <button type="submit" className={buttonClass} disabled={pending} aria-describedby={`step-${s}-hint`}>
                {STEP_BUTTONS[s].label}
              </button>
              <p id={`step-${s}-hint`} className="mt-1 text-sm text-slate-700">
                {STEP_BUTTONS[s].hint}
              </p>
            </form>
          ))}
      </div>

      {next.includes('awaiting_material') && (
        <form
          action={formAction}
          className="space-y-3 rounded border border-slate-300 p-4"
          noValidate
          aria-labelledby="material-title"
        >
          <h3 id="material-title" className="font-bold">
            要求补正
          </h3>
          <input type="hidden" name="to" value="awaiting_material" />
          {from}
          <Field
            id="materialRequest"
            label="需要补正的材料（将告知申请人）"
            hint="一次性写明缺少哪些材料。发出后办理期限暂停计算，申请人补正后恢复并顺延。"
            error={fieldError(state, 'materialRequest')}
          >
            {(p) => <textarea {...p} rows={3} maxLength={2000} defaultValue={v.materialRequest} />}
          </Field>
          <button type="submit" className={buttonClass} disabled={pending}>
            发出补正通知
          </button>
        </form>
      )}

      {next.includes('refused') && (
        <form
          action={formAction}
          className="space-y-3 rounded border border-slate-300 p-4"
          noValidate
          aria-labelledby="refuse-title"
        >
          <h3 id="refuse-title" className="font-bold">
            不予受理
          </h3>
          <input type="hidden" name="to" value="refused" />
          {from}
          <fieldset id="refusalReason" tabIndex={-1}>
            <legend className="mb-1 font-semibold">不予受理的理由</legend>
            {fieldError(state, 'refusalReason') && (
              <p className="mb-1 font-semibold text-accent-600">{fieldError(state, 'refusalReason')}</p>
            )}
            {onlyReason.map((r) => (
              <label key={r.code} className="flex items-center gap-2 py-1">
                <input
                  type="radio"
                  name="refusalReason"
                  value={r.code}
                  defaultChecked={v.refusalReason === r.code || onlyReason.length === 1}
                  onChange={() => setReason(r.code)}
                />{' '}
                {r.label}
              </label>
            ))}
          </fieldset>
          <Field id="refuseText" label="具体理由（将告知申请人）" error={fieldError(state, 'refuseText')}>
            {(p) => (
              <textarea
                {...p}
                name="decisionText"
                rows={3}
                maxLength={2000}
                defaultValue={v.to === 'refused' ? v.decisionText : undefined}
              />
            )}
          </Field>
          <ConfirmSubmit
            label="不予受理"
            title="确认不予受理"
            danger
            pending={pending}
            object={
              <>
                {caseName}
                <br />
                不予受理：
                {refusalReasons.find(
                  (r) => r.code === (reason ?? (onlyReason.length === 1 ? onlyReason[0]!.code : undefined)),
                )?.label ?? '（请先选择理由）'}
              </>
            }
            consequence="本案办理终结，申请人将在查询页面（及电子邮箱）收到不予受理的理由。"
          />
        </form>
      )}

      {next.includes('decided') && (
        <form
          action={formAction}
          className="space-y-4 rounded border border-slate-300 p-4"
          noValidate
          aria-labelledby="decide-title"
        >
          <h3 id="decide-title" className="font-bold">
            作出决定
          </h3>
          <input type="hidden" name="to" value="decided" />
          {from}
          <fieldset>
            <legend className="mb-1 font-semibold">决定</legend>
            {fieldError(state, 'decision') && (
              <p className="mb-1 font-semibold text-accent-600">{fieldError(state, 'decision')}</p>
            )}
            <div className="space-y-3">
              {decisions.map(({ decision: d, label, explanation }, i) => (
                <div key={d}>
                  <label className="flex items-center gap-2 font-semibold">
                    <input
                      type="radio"
                      name="decision"
                      value={d}
                      defaultChecked={v.decision === d}
                      onChange={() => setDecision(d)}
                      id={i === 0 ? 'decision' : undefined}
                      aria-describedby={`decision-${d}-hint`}
                    />{' '}
                    {label}
                  </label>
                  <p id={`decision-${d}-hint`} className="ml-6 text-slate-800">
                    {explanation}
                  </p>
                </div>
              ))}
            </div>
          </fieldset>
          {decisions.some((d) => d.decision === 'partly_upheld') && measures.length > 1 && (
            <fieldset id="liftedMeasureNos" tabIndex={-1}>
              <legend className="mb-1 font-semibold">“部分成立”时解除的惩戒措施</legend>
              {fieldError(state, 'liftedMeasureNos') && (
                <p className="mb-1 font-semibold text-accent-600">{fieldError(state, 'liftedMeasureNos')}</p>
              )}
              {measures.map((m) => (
                <label key={m.no} className="flex items-start gap-2 py-1">
                  <input type="checkbox" name="liftedMeasureNos" value={m.no} className="mt-1 h-5 w-5" /> 第{m.no}项：
                  {m.text}
                </label>
              ))}
            </fieldset>
          )}
          <Field id="decisionText" label="决定理由（将告知申请人）" error={fieldError(state, 'decisionText')}>
            {(p) => (
              <textarea
                {...p}
                rows={5}
                maxLength={5000}
                defaultValue={v.to === 'decided' ? v.decisionText : undefined}
              />
            )}
          </Field>
          <Field
            id="document"
            label="签发的决定书（PDF）"
            hint="上传签章后的决定书扫描件，PDF 格式（按文件内容判断），不超过 10 MB；申请人可在查询页面下载。"
            error={fieldError(state, 'document')}
          >
            {(p) => <input {...p} type="file" accept="application/pdf,.pdf" />}
          </Field>
          <ConfirmSubmit
            label="作出决定"
            title="确认作出决定"
            pending={pending}
            object={
              <>
                {caseName}
                <br />
                决定：{chosen?.label ?? '（请先选择决定）'}
              </>
            }
            consequence={chosen ? `${chosen.explanation} 决定将告知申请人。` : '决定将告知申请人。'}
          />
        </form>
      )}
    </div>
  );
}
