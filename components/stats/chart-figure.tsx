/**
 * Charts for the statistics pages, drawn as SVG on the server with visx (scales, bars, axes):
 * no client JavaScript. Every chart is an image with a summary for screen readers
 * (role="img" + aria-label) and sits beside a data table holding the same numbers.
 */
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';

export type Series = { label: string; color: string };
/** One category: its label (table and chart), an optional short form for axis ticks, one value per series. */
export type ChartRow = { label: string; short?: string; values: number[] };

/** Colours with at least 4.5:1 contrast on white, told apart in stacks by a white gap. */
export const COLORS = {
  blue: '#0b4a8b',
  red: '#b4232a',
  violet: '#6d28d9',
  amber: '#a16207',
  green: '#15803d',
  slate: '#475569',
} as const;

/**
 * The SVG scales with its box, and its text with it: each chart is drawn at several widths and the container query
 * shows the widest that fits, so the drawing is never shrunk and its 12-unit labels stay ≥ 12 px at every width.
 */
const WIDTHS = [240, 320, 400, 480, 560, 640] as const;
const FONT = 12;
const TEXT = '#1e293b';
const AXIS = '#64748b';
const tickLabel = { fill: '#334155', fontSize: FONT, fontFamily: 'inherit' } as const;
/** The container-query classes that show the drawing of WIDTHS[i] only while it is the widest that fits. */
const SHOWN_AT = [
  'block @min-[320px]:hidden',
  'hidden @min-[320px]:block @min-[400px]:hidden',
  'hidden @min-[400px]:block @min-[480px]:hidden',
  'hidden @min-[480px]:block @min-[560px]:hidden',
  'hidden @min-[560px]:block @min-[640px]:hidden',
  'hidden @min-[640px]:block',
] as const;
const fmt = (n: number) => n.toLocaleString('zh-CN');
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const integerTicks = (scale: { ticks: (n: number) => number[] }) => scale.ticks(5).filter(Number.isInteger);

/** 'YYYY-MM' → 2025年3月 (table) and 2025.03 (axis). */
/** A month's row; `asOf` (YYYY-MM-DD) marks the month still under way, counted up to that day. */
export function monthRow(month: string, values: number[], asOf?: string): ChartRow {
  const [y, m] = month.split('-');
  if (!asOf?.startsWith(month)) return { label: `${y}年${Number(m)}月`, short: `${y}.${m}`, values };
  const day = Number(asOf.slice(8, 10));
  return { label: `${y}年${Number(m)}月（截至${Number(m)}月${day}日）`, short: `截至${Number(m)}.${day}`, values };
}

function summary(title: string, series: Series[], rows: ChartRow[], unit: string) {
  const totals = series.map((s, i) => `${s.label}合计 ${fmt(sum(rows.map((r) => r.values[i]!)))} ${unit}`);
  const top = rows.reduce((best, r) => (sum(r.values) > sum(best.values) ? r : best), rows[0]!);
  return `${title}：${totals.join('，')}；最多的是${top.label}（${fmt(sum(top.values))} ${unit}）。`;
}

/** Horizontal bars, one per row, its series stacked; the label above each bar. */
type ChartProps = { label: string; series: Series[]; rows: ChartRow[]; width: number };

function BarChart({ label, series, rows, width }: ChartProps) {
  const rowHeight = 40;
  const height = rows.length * rowHeight + 30;
  // Room for the total after the longest bar.
  const x = scaleLinear<number>({
    domain: [0, Math.max(1, ...rows.map((r) => sum(r.values)))],
    range: [0, width - 16 - FONT * 0.6 * (fmt(Math.max(...rows.map((r) => sum(r.values)))).length + 1)],
    nice: true,
  });
  const maxChars = Math.floor((width - 16) / 13);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full">
      <Group left={8}>
        {rows.map((r, i) => {
          let start = 0;
          return (
            <Group key={r.label} top={i * rowHeight}>
              <text x={0} y={13} fontSize={13} fill={TEXT}>
                {r.label.length > maxChars ? `${r.label.slice(0, maxChars - 1)}…` : r.label}
              </text>
              {r.values.map((v, s) => {
                const from = start;
                start += v;
                return v > 0 ? (
                  <Bar
                    key={s}
                    x={x(from)}
                    y={18}
                    width={x(from + v) - x(from)}
                    height={14}
                    fill={series[s]!.color}
                    stroke="#fff"
                    strokeWidth={1}
                  />
                ) : null;
              })}
              <text x={x(start) + 6} y={30} fontSize={FONT} fill={TEXT}>
                {fmt(start)}
              </text>
            </Group>
          );
        })}
        <AxisBottom
          top={rows.length * rowHeight + 2}
          scale={x}
          tickValues={integerTicks(x)}
          tickFormat={(v) => fmt(Number(v))}
          stroke={AXIS}
          tickStroke={AXIS}
          tickLabelProps={tickLabel}
        />
      </Group>
    </svg>
  );
}

/** Vertical bars per row (e.g. month), series side by side. */
function ColumnChart({ label, series, rows, width }: ChartProps) {
  const margin = { top: 10, right: 32, bottom: 28, left: 48 };
  const height = 260;
  const innerHeight = height - margin.top - margin.bottom;
  const keys = rows.map((r) => r.short ?? r.label);
  const x = scaleBand<string>({ domain: keys, range: [0, width - margin.left - margin.right], padding: 0.2 });
  // Every n-th month labelled (the last always), so labels of about 60 units never overlap.
  const every = Math.max(3, Math.ceil(64 / x.step()));
  const inner = scaleBand<number>({ domain: series.map((_, i) => i), range: [0, x.bandwidth()], padding: 0.1 });
  const y = scaleLinear<number>({
    domain: [0, Math.max(1, ...rows.flatMap((r) => r.values))],
    range: [innerHeight, 0],
    nice: true,
  });
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full">
      <Group left={margin.left} top={margin.top}>
        {rows.map((r, i) =>
          r.values.map((v, s) => (
            <Bar
              key={`${i}-${s}`}
              x={x(keys[i]!)! + inner(s)!}
              y={y(v)}
              width={inner.bandwidth()}
              height={innerHeight - y(v)}
              fill={series[s]!.color}
            />
          )),
        )}
        <AxisLeft
          scale={y}
          tickValues={integerTicks(y)}
          tickFormat={(v) => fmt(Number(v))}
          stroke={AXIS}
          tickStroke={AXIS}
          tickLabelProps={{ ...tickLabel, textAnchor: 'end', dx: -4, dy: 4 }}
        />
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={keys.filter((_, i) => (keys.length - 1 - i) % every === 0)}
          stroke={AXIS}
          tickStroke={AXIS}
          tickLabelProps={tickLabel}
        />
      </Group>
    </svg>
  );
}

type FigureProps = {
  id: string;
  title: string;
  note?: string;
  /** Header of the table's first column (法院, 月份…). */
  rowHeader: string;
  unit: string;
  series: Series[];
  rows: ChartRow[];
  kind?: 'bars' | 'columns';
};

/** A titled section: the chart with its legend and note, and beside it the data table. */
export function ChartFigure({ id, title, note, rowHeader, unit, series, rows, kind = 'bars' }: FigureProps) {
  const Chart = kind === 'columns' ? ColumnChart : BarChart;
  // Stacked bars add up to a total; side-by-side columns (listed, removed) do not.
  const total = kind === 'bars' && series.length > 1;
  return (
    <section aria-labelledby={`${id}-title`} className="mt-10" data-testid={id}>
      <h2 id={`${id}-title`} className="text-xl font-bold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2">暂无数据。</p>
      ) : (
        <div className="mt-3 grid items-start gap-6 lg:grid-cols-[3fr_2fr]">
          <figure className="@container rounded border border-slate-300 bg-white p-3">
            {WIDTHS.map((width, i) => (
              <div key={width} className={SHOWN_AT[i]}>
                <Chart label={summary(title, series, rows, unit)} series={series} rows={rows} width={width} />
              </div>
            ))}
            <figcaption className="mt-2 text-sm text-slate-800">
              {series.length > 1 && (
                <ul className="mb-1 flex flex-wrap gap-x-4">
                  {series.map((s) => (
                    <li key={s.label} className="flex items-center gap-1.5">
                      <span
                        aria-hidden="true"
                        className="inline-block size-3 rounded-sm"
                        style={{ backgroundColor: s.color }}
                      />
                      {s.label}
                    </li>
                  ))}
                </ul>
              )}
              {note ?? `${title}，单位：${unit}。`}
            </figcaption>
          </figure>
          <div
            className="max-h-[32rem] overflow-auto rounded border border-slate-300 bg-white"
            role="region"
            tabIndex={0}
            aria-labelledby={`${id}-caption`}
          >
            <table className="w-full text-left text-sm">
              <caption id={`${id}-caption`} className="px-3 py-2 text-left font-semibold">
                {title}（数据表，单位：{unit}）
              </caption>
              <thead className="sticky top-0 bg-brand-50">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {rowHeader}
                  </th>
                  {series.map((s) => (
                    <th key={s.label} scope="col" className="px-3 py-2 text-right">
                      {s.label}
                    </th>
                  ))}
                  {total && (
                    <th scope="col" className="px-3 py-2 text-right">
                      合计
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row" className="px-3 py-1.5 font-normal">
                      {r.label}
                    </th>
                    {[...r.values, ...(total ? [sum(r.values)] : [])].map((v, i) => (
                      <td key={i} className="px-3 py-1.5 text-right tabular-nums">
                        {fmt(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
