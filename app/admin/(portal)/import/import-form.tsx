'use client';

import { useActionState } from 'react';
import { buttonClass, Field } from '@/components/admin/fields';
import { ErrorSummary } from '@/components/error-summary';
import { fieldError } from '@/lib/form-state';
import { importAction, type ImportState } from './actions';

const SHOWN_REJECTIONS = 200;

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importAction, {});
  const s = state.summary;
  return (
    <>
      <form action={action} className="max-w-2xl space-y-4" noValidate>
        {state.errors && <ErrorSummary messages={state.errors} />}
        <Field id="file" label="导入文件" hint="XLSX 或 CSV（附件1 推送表，中文表头），或全国失信被执行人 JSON；不超过 19 MB" error={fieldError(state, 'file')}>
          {(p) => <input {...p} type="file" accept=".xlsx,.csv,.json,application/json,text/csv" />}
        </Field>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="mode" value="dry-run" className={buttonClass} disabled={pending}>
            预检（不写入）
          </button>
          <button type="submit" name="mode" value="commit" className={buttonClass} disabled={pending}>
            导入
          </button>
        </div>
        <p role="status" aria-live="polite" className="font-semibold">
          {pending ? '正在读取并校验文件，请稍候…' : ''}
        </p>
      </form>
      {s && (
        <section aria-labelledby="result-title" className="mt-6 rounded border border-slate-300 p-4" data-testid="import-result">
          <h2 id="result-title" className="text-xl font-bold">
            {state.dryRun ? '预检结果（未写入任何数据）' : '导入结果'}：{state.fileName}
          </h2>
          <p className="mt-2">
            共 {s.total} 条：{state.dryRun ? '将新增' : '新增'} {s.created} 条，{state.dryRun ? '将更新' : '更新'} {s.updated} 条，无变化 {s.unchanged} 条，拒绝 {s.rejected.length} 条。
          </p>
          {s.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
          {s.unknownColumns.length > 0 && <p>未识别的列（已忽略）：{s.unknownColumns.join('、')}</p>}
          {state.dryRun && s.rejected.length === 0 && <p className="mt-2">如无问题，请重新选择该文件并点击“导入”。</p>}
          {s.rejected.length > 0 && (
            <>
              <h3 className="mt-4 font-bold">被拒绝的记录</h3>
              <ul className="mt-1 list-disc space-y-1 pl-6">
                {s.rejected.slice(0, SHOWN_REJECTIONS).map((r) => (
                  <li key={`${r.line}:${r.uid}`}>
                    第 {r.line} 行{r.uid ? `（${r.uid}）` : ''}：{r.reasons.join('；')}
                  </li>
                ))}
              </ul>
              {s.rejected.length > SHOWN_REJECTIONS && <p>另有 {s.rejected.length - SHOWN_REJECTIONS} 条未列出。</p>}
            </>
          )}
        </section>
      )}
    </>
  );
}
