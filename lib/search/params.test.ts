import { describe, expect, it } from 'vitest';
import { filtersOf, parseSearchParams } from './params';

describe('parseSearchParams', () => {
  it('accepts a plain query with defaults', () => {
    const r = parseSearchParams({ q: '张伟' });
    expect(r.success && r.data).toEqual({ q: '张伟', page: 1 });
  });

  it('treats empty filter values as absent and takes the first of repeated keys', () => {
    const r = parseSearchParams({ q: ['农业', 'x'], subjectType: '', court: '', publishedFrom: '', page: '' });
    expect(r.success && r.data).toEqual({ q: '农业', page: 1 });
  });

  it('reads every filter', () => {
    const r = parseSearchParams({
      q: 'ab',
      subjectType: 'organization',
      court: '昆山市人民法院',
      publishedFrom: '2025-01-01',
      publishedTo: '2025-12-31',
      page: '3',
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.page).toBe(3);
    expect(filtersOf(r.data)).toEqual({
      subjectType: 'organization',
      court: '昆山市人民法院',
      publishedFrom: '2025-01-01',
      publishedTo: '2025-12-31',
    });
  });

  it.each([
    [{ subjectType: 'robot' }, 'subjectType', '主体类型应为 person 或 organization'],
    [{ publishedFrom: '2025-02-30' }, 'publishedFrom', '发布日期自不是有效日期'],
    [{ publishedFrom: '01/02/2025' }, 'publishedFrom', '请按 2026-11-20 的格式填写发布日期自'],
    [{ publishedFrom: '2025-03-01', publishedTo: '2025-02-01' }, 'publishedTo', '开始日期不能晚于结束日期'],
    [{ page: '0' }, 'page', '页码应从 1 开始'],
    [{ page: 'abc' }, 'page', '页码应为数字'],
    [{ page: '1.5' }, 'page', '页码应为整数'],
    [{ q: 'x'.repeat(101) }, 'q', '查询内容不能超过 100 个字符'],
  ])('rejects %j with a Chinese message', (input, field, message) => {
    const r = parseSearchParams({ q: '张伟', ...input });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toContainEqual(expect.objectContaining({ path: [field], message }));
  });
});
