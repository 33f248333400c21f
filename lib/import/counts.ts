/** An import's counts and how pages and messages word them (no server code: client components use it). */
export type ImportCounts = { total: number; created: number; updated: number; unchanged: number; rejected: number };

export function countsOf(s: {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: unknown[] | number;
  rejectedCount?: number;
}): ImportCounts {
  const rejected = s.rejectedCount ?? (typeof s.rejected === 'number' ? s.rejected : s.rejected.length);
  return { total: s.total, created: s.created, updated: s.updated, unchanged: s.unchanged, rejected };
}

/** 新增 N 条，更新 N 条，无变化 N 条，拒绝 N 条 (`would`: the preview's wording, 将新增…). */
export function countsText(c: ImportCounts, would = false): string {
  const w = would ? '将' : '';
  return `${w}新增 ${c.created} 条，${w}更新 ${c.updated} 条，无变化 ${c.unchanged} 条，拒绝 ${c.rejected} 条`;
}
