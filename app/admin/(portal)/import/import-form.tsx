'use client';

import { useActionState } from 'react';
import { ConfirmSubmit } from '@/components/admin/confirm-submit';
import { buttonClass, Field, SuccessMessage } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { countsOf, countsText } from '@/lib/import/counts';
import { problemText, warningText } from '@/lib/import/problems';
import { checkAction, importAction, type CheckState, type ImportState, type ShownSummary } from './actions';

const linkClass = 'text-brand-700 underline hover:text-brand-800';
const th = 'border border-slate-300 bg-slate-100 px-2 py-1 text-left font-semibold';
const td = 'border border-slate-300 px-2 py-1 align-top break-words';

function Steps({ current }: { current: 1 | 2 | 3 }) {
  const steps = ['上传文件并预检', '核对预检结果', '确认导入'];
  return (
    <ol className="mb-6 flex flex-wrap gap-2" aria-label="导入步骤">
      {steps.map((s, i) => (
        <li
          key={s}
          aria-current={i + 1 === current ? 'step' : undefined}
          className={`rounded border px-3 py-1 ${
            i + 1 === current
              ? 'border-brand-700 bg-brand-50 font-bold' + ' text-brand-800'
              : 'border-slate-300 text-slate-800'
          }`}
        >
          {i + 1}. {s}
        </li>
      ))}
    </ol>
  );
}

function more(shown: number, total: number, what: string) {
  return total > shown ? (
    <p className="mt-1 text-slate-800">
      另有 {total - shown} 条{what}未在此列出。
    </p>
  ) : null;
}

/** The counts, the new and changed entries (with their differences) and the problems of a check or an import. */
function SummaryView({ s, would, uploadId }: { s: ShownSummary; would: boolean; uploadId: string }) {
  const counts = countsOf(s);
  return (
    <>
      <p className="mt-2 font-semibold" data-testid="import-counts">
        共 {s.total} 条：{countsText(counts, would)}。
      </p>
      {s.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      {s.unknownColumns.length > 0 && <p>未识别的列（已忽略）：{s.unknownColumns.join('、')}</p>}

      {s.changedEntries && s.changedEntries.length > 0 && (
        <section aria-labelledby="changed-title" className="mt-4" data-testid="import-changed">
          <h3 id="changed-title" className="text-lg font-bold">
            {would ? '将被更新（覆盖）的已有信息' : '已更新的信息'}（{s.updated} 条）
          </h3>
          <p className="text-slate-800">以下信息已在名单中，导入后将按文件中的内容覆盖：</p>
          {s.changedEntries.map((e) => (
            <div key={`${e.line}:${e.uid}`} className="mt-3" data-testid="import-changed-entry">
              <p className="font-semibold">
                第 {e.line} 行：{e.name}（{e.caseNo}，信息唯一标识 {e.uid}）
              </p>
              <table className="mt-1 w-full table-fixed border-collapse text-sm">
                <thead>
                  <tr>
                    <th scope="col" className={`${th} w-1/5`}>
                      字段
                    </th>
                    <th scope="col" className={th}>
                      名单中现有内容
                    </th>
                    <th scope="col" className={th}>
                      导入后
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {e.changes.map((c) => (
                    <tr key={c.field}>
                      <th scope="row" className={`${td} text-left font-normal`}>
                        {c.label}
                      </th>
                      <td className={td}>{c.from}</td>
                      <td className={td}>{c.to}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {more(s.changedEntries.length, s.updated, '更新')}
        </section>
      )}

      {s.createdEntries && s.createdEntries.length > 0 && (
        <section aria-labelledby="created-title" className="mt-4" data-testid="import-created">
          <h3 id="created-title" className="text-lg font-bold">
            {would ? '将新增的信息' : '新增的信息'}（{s.created} 条）
          </h3>
          <table className="mt-1 w-full border-collapse text-sm">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  行号
                </th>
                <th scope="col" className={th}>
                  失信被执行人姓名/名称
                </th>
                <th scope="col" className={th}>
                  案号
                </th>
                <th scope="col" className={th}>
                  信息唯一标识
                </th>
              </tr>
            </thead>
            <tbody>
              {s.createdEntries.map((e) => (
                <tr key={`${e.line}:${e.uid}`}>
                  <td className={td}>{e.line}</td>
                  <td className={td}>{e.name}</td>
                  <td className={td}>{e.caseNo}</td>
                  <td className={td}>{e.uid}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more(s.createdEntries.length, s.created, '新增')}
        </section>
      )}

      {s.warningCount > 0 && (
        <section aria-labelledby="defaults-title" className="mt-4" data-testid="import-defaults">
          <h3 id="defaults-title" className="text-lg font-bold">
            按默认值{would ? '导入' : '导入了'}的字段（{s.warningCount} 处，提醒，不影响导入）
          </h3>
          <ul className="mt-1 list-disc space-y-1 pl-6">
            {s.warnings.map((w) => (
              <li key={`${w.line}:${w.field}`}>
                第 {w.line} 行{w.uid ? `（${w.uid}）` : ''}：{warningText(w)}
              </li>
            ))}
          </ul>
          {more(s.warnings.length, s.warningCount, '按默认值导入的字段')}
        </section>
      )}

      {s.rejectedCount > 0 && (
        <section aria-labelledby="rejected-title" className="mt-4" data-testid="import-rejected">
          <h3 id="rejected-title" className="text-lg font-bold">
            {would ? '将被拒绝的记录' : '被拒绝的记录'}（{s.rejectedCount} 条，不会导入）
          </h3>
          <p>
            <a href={`/admin/import/${uploadId}/errors`} className={linkClass} download>
              下载错误报告（CSV，可用 Excel 打开）
            </a>
          </p>
          <ul className="mt-1 list-disc space-y-1 pl-6">
            {s.rejected.map((r) => (
              <li key={`${r.line}:${r.uid}`}>
                第 {r.line} 行{r.uid ? `（${r.uid}）` : ''}：{r.problems.map(problemText).join('；')}
              </li>
            ))}
          </ul>
          {more(s.rejected.length, s.rejectedCount, '被拒绝的记录')}
        </section>
      )}
    </>
  );
}

function ImportStep({ checked }: { checked: NonNullable<CheckState['checked']> }) {
  const [state, action, pending] = useActionState<ImportState, FormData>(importAction, {});
  const counts = countsOf(checked.summary);
  if (state.ok && state.summary && state.uploadId) {
    return (
      <section
        aria-labelledby="done-title"
        className="mt-6 rounded border border-slate-300 p-4"
        data-testid="import-result"
      >
        <Steps current={3} />
        <SuccessMessage>{state.message}</SuccessMessage>
        <h2 id="done-title" className="text-xl font-bold">
          导入结果：{checked.fileName}
        </h2>
        <SummaryView s={state.summary} would={false} uploadId={state.uploadId} />
        <p className="mt-4">本次导入已记入下方的导入记录。如需导入其他文件，请在上方重新选择文件并预检。</p>
      </section>
    );
  }
  const nothing = counts.created + counts.updated === 0;
  return (
    <section
      aria-labelledby="preview-title"
      className="mt-6 rounded border border-slate-300 p-4"
      data-testid="import-preview"
    >
      <Steps current={2} />
      <h2 id="preview-title" className="text-xl font-bold">
        预检结果（未写入任何数据）：{checked.fileName}
      </h2>
      <p className="mt-1 text-sm text-slate-800">
        文件大小 {checked.size.toLocaleString('zh-CN')} 字节，SHA-256{' '}
        <span className="font-mono break-all">{checked.sha256}</span>
        。文件已保存在服务器上，导入时使用的就是这份文件，无需重新选择；预检结果 24 小时内有效。
      </p>
      <SummaryView s={checked.summary} would uploadId={checked.uploadId} />
      <form action={action} className="mt-6 space-y-3" noValidate>
        {state.errors && <ErrorSummary messages={state.errors} />}
        <input type="hidden" name="token" value={checked.token} />
        <h3 className="text-lg font-bold">第三步：确认导入</h3>
        <p>
          {nothing
            ? '本文件没有可新增或更新的信息；导入只会留下导入记录。'
            : `确认无误后导入：${countsText(counts, true)}。被拒绝的记录不会导入，可修改后另行导入。`}
        </p>
        <ConfirmSubmit
          label="导入"
          title={`确认导入“${checked.fileName}”`}
          pending={pending}
          object={
            <>
              <p>文件：{checked.fileName}</p>
              <p className="break-all">SHA-256：{checked.sha256}</p>
              <p>
                共 {counts.total} 条：{countsText(counts, true)}。
              </p>
            </>
          }
          consequence="新增和更新的信息将写入失信被执行人名单，并按公示规则立即公示（依法不宜公开的仅向联合惩戒单位共享）；已有信息将被文件中的内容覆盖。"
        />
        <p role="status" aria-live="polite" className="font-semibold">
          {pending ? '正在导入，请稍候…' : ''}
        </p>
      </form>
    </section>
  );
}

export function ImportWizard() {
  const [state, action, pending] = useActionState<CheckState, FormData>(checkAction, {});
  return (
    <>
      {!state.checked && <Steps current={1} />}
      <form action={action} className="max-w-2xl space-y-4" noValidate>
        {state.errors && <ErrorSummary messages={state.errors} />}
        {state.ok && state.message && <SuccessMessage>{state.message}</SuccessMessage>}
        <h2 className="text-xl font-bold">第一步：上传文件并预检</h2>
        <p>
          <a href="/admin/import/template" className={linkClass} download>
            下载导入模板（XLSX）
          </a>
          ：包含可导入的全部列、一行示例和填写说明。
        </p>
        <Field
          id="file"
          label="导入文件"
          hint="XLSX 或 CSV（附件1 推送表，中文表头），或全国失信被执行人 JSON；不超过 19 MB"
          error={fieldError(state, 'file')}
        >
          {(p) => <input {...p} type="file" accept=".xlsx,.csv,.json,application/json,text/csv" />}
        </Field>
        <button type="submit" className={buttonClass} disabled={pending}>
          上传并预检（不写入）
        </button>
        <p role="status" aria-live="polite" className="font-semibold">
          {pending ? '正在读取并校验文件，请稍候…' : ''}
        </p>
      </form>
      {state.checked && <ImportStep key={state.checked.token} checked={state.checked} />}
    </>
  );
}
