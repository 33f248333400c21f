import { describe, expect, it } from 'vitest';
import { newStaffSchema } from '@/domain/auth/staff-users';

const valid = { name: '张伟', email: 'clerk@ks.example.cn', password: 'a long enough password', role: 'court_clerk' };

describe('staff names are plain text', () => {
  it('accepts ordinary names, middle dots included', () => {
    expect(newStaffSchema.safeParse(valid).success).toBe(true);
    expect(newStaffSchema.safeParse({ ...valid, name: '买买提·艾力' }).success).toBe(true);
  });

  it('refuses bidi controls, zero-width characters and soft hyphens', () => {
    for (const c of ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B']) {
      const r = newStaffSchema.safeParse({ ...valid, name: `张${c}伟` });
      expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['name', '姓名不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符）'],
      ]);
    }
  });
});
