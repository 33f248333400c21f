import { SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { CourtSelect } from './court-select';

type Values = { q?: string; subjectType?: string; court?: string; publishedFrom?: string; publishedTo?: string };

const inputClass =
  'w-full rounded border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:border-brand-700' +
  ' aria-[invalid=true]:border-accent-600';

/** The search box, with filters when `courts` is given. A plain GET form: works without JavaScript. */
export function SearchForm({
  values = {},
  courts,
  errors = {},
}: {
  values?: Values;
  courts?: string[];
  errors?: Partial<Record<keyof Values, string>>;
}) {
  const errorId = (k: keyof Values) => (errors[k] ? `${k}-error` : undefined);
  return (
    <form action="/search" method="get" role="search" aria-label="失信被执行人查询" className="space-y-4">
      <div>
        <label htmlFor="q" className="mb-1 block font-semibold">
          姓名、单位名称、统一社会信用代码或案号
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={values.q ?? ''}
            maxLength={100}
            autoComplete="off"
            aria-describedby={['q-hint', errorId('q')].filter(Boolean).join(' ')}
            aria-invalid={errors.q ? true : undefined}
            className={`${inputClass} text-lg`}
          />
          <button
            type="submit"
            className={
              'shrink-0 whitespace-nowrap rounded bg-brand-700 px-6 ' +
              'py-2 text-lg font-semibold text-white hover:bg-brand-800'
            }
          >
            查询
          </button>
        </div>
        <p id="q-hint" className="mt-1 text-sm text-slate-700">
          至少输入两个字。例如：张伟、农业发展、(2024)苏0583执1234号。
        </p>
        {errors.q && (
          <p id="q-error" className="mt-1 font-semibold text-accent-600">
            {errors.q}
          </p>
        )}
      </div>
      {courts && (
        <fieldset className="grid gap-4 rounded border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
          <legend className="px-1 font-semibold">筛选条件</legend>
          <div>
            <label htmlFor="subjectType" className="mb-1 block">
              主体类型
            </label>
            <select
              id="subjectType"
              name="subjectType"
              defaultValue={values.subjectType ?? ''}
              className={inputClass}
              aria-describedby={errorId('subjectType')}
              aria-invalid={errors.subjectType ? true : undefined}
            >
              <option value="">全部</option>
              {Object.entries(SUBJECT_TYPE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            {errors.subjectType && (
              <p id="subjectType-error" className="mt-1 text-sm font-semibold text-accent-600">
                {errors.subjectType}
              </p>
            )}
          </div>
          <div>
            <label htmlFor="court" className="mb-1 block">
              执行法院
            </label>
            <CourtSelect id="court" value={values.court} courts={courts} className={inputClass} />
          </div>
          <DateFilter
            name="publishedFrom"
            label="发布日期自"
            value={values.publishedFrom}
            error={errors.publishedFrom}
          />
          <DateFilter name="publishedTo" label="发布日期至" value={values.publishedTo} error={errors.publishedTo} />
        </fieldset>
      )}
    </form>
  );
}

/** One of the publication-day filters, its error beneath it. */
function DateFilter(props: { name: 'publishedFrom' | 'publishedTo'; label: string; value?: string; error?: string }) {
  const { name, label, value, error } = props;
  return (
    <div>
      <label htmlFor={name} className="mb-1 block">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="date"
        defaultValue={value ?? ''}
        className={inputClass}
        aria-describedby={error ? `${name}-error` : undefined}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <p id={`${name}-error`} className="mt-1 text-sm font-semibold text-accent-600">
          {error}
        </p>
      )}
    </div>
  );
}
