import { describe, expect, it } from 'vitest';
import { applicationPrefill, repairSchema } from './application';

const FORMAT_CHARS = ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B'];

const valid = {
  caseNo: '(2025)苏0583执1234号',
  name: '张伟',
  idLast4: '1234',
  statement: '已全部履行，请求修复信用。',
  applicantName: '王申请',
  phone: '0512-57001234',
  email: '',
  submissionToken: '3b241101-e2bb-4255-8caf-4136c566a962',
  declaration: 'yes',
};

function messagesOn(field: string, body: Record<string, unknown>): string[] {
  const r = repairSchema.safeParse(body);
  return r.success ? [] : r.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
}

describe('application forms: names are plain text', () => {
  it('accepts ordinary names, middle dots included', () => {
    expect(repairSchema.safeParse(valid).success).toBe(true);
    const r = repairSchema.safeParse({ ...valid, name: '买买提·艾力', applicantName: '买买提·艾力' });
    expect(r.success && [r.data.name, r.data.applicantName]).toEqual(['买买提·艾力', '买买提·艾力']);
  });

  it('refuses bidi controls, zero-width characters and soft hyphens in both names, with a Chinese message', () => {
    for (const c of FORMAT_CHARS) {
      const hex = c.codePointAt(0)!.toString(16);
      expect(messagesOn('name', { ...valid, name: `张${c}伟` }), hex).toEqual([
        '被执行人姓名或名称不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）',
      ]);
      expect(messagesOn('applicantName', { ...valid, applicantName: `王${c}申请` }), hex).toEqual([
        '申请人姓名不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）',
      ]);
    }
  });
});

describe('applicationPrefill', () => {
  it('takes the case number and name from the address, trimmed and cut to the fields, and nothing else', () => {
    expect(
      applicationPrefill({ caseNo: ' (2024)苏0583执1号 ', name: ['张三', '李四'], idLast4: '1234', other: 'x' }),
    ).toEqual({ caseNo: '(2024)苏0583执1号', name: '张三' });
    expect(applicationPrefill({ caseNo: 'x'.repeat(200) }).caseNo).toHaveLength(60);
    expect(applicationPrefill({ name: '   ' })).toEqual({});
  });
});
