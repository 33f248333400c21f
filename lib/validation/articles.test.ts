import { describe, expect, it } from 'vitest';
import { articleDraftSchema, articleListParamsSchema } from './articles';

describe('articleDraftSchema', () => {
  it('parses its own output to the same value (the action parses the form, the domain parses again)', () => {
    const form = { kind: 'case', title: ' 标题 ', summary: '', body: ' 正文 ', entryUid: '' };
    const once = articleDraftSchema.parse(form);
    expect(once).toEqual({ kind: 'case', title: '标题', summary: null, body: '正文', entryUid: null });
    expect(articleDraftSchema.parse(once)).toEqual(once);
    const linked = articleDraftSchema.parse({ ...form, summary: '摘要', entryUid: 'E-1' });
    expect(articleDraftSchema.parse(linked)).toEqual(linked);
  });
});

describe('articleListParamsSchema', () => {
  it('takes words and a page; refuses an ID-like run of digits, which would probe the masked part', () => {
    expect(articleListParamsSchema.parse({ q: ' 联合惩戒 ', page: '2' })).toEqual({ q: '联合惩戒', page: 2 });
    expect(articleListParamsSchema.parse({})).toEqual({ q: undefined, page: 1 });
    for (const q of ['32058319800101123', '3205831980X', '12345678901'])
      expect(articleListParamsSchema.safeParse({ q }).success, q).toBe(false);
    expect(articleListParamsSchema.safeParse({ q: '2017年135号' }).success).toBe(true);
    expect(articleListParamsSchema.safeParse({ page: '0' }).success).toBe(false);
    expect(articleListParamsSchema.safeParse({ page: 'x' }).success).toBe(false);
  });
});
