import { describe, expect, it } from 'vitest';
import { EMPTY_DIRECTORY } from '@/lib/actors';
import { formatTimestamp } from '@/lib/format';
import { auditCsvLine, csvField, detailWords, objectLabel, parseAuditQuery } from '@/domain/auth/audit-log';

describe('audit log reading', () => {
  it('parses the page query: empty fields dropped, unknown actions and bad dates refused, from ≤ to', () => {
    const ok = parseAuditQuery({
      actor: 'staff:a@b.cn',
      action: 'sign_in',
      objectId: '',
      from: '2026-01-01',
      to: '2026-01-31',
      page: '3',
    });
    expect(ok).toMatchObject({
      ok: true,
      page: 3,
      filter: { actor: 'staff:a@b.cn', action: 'sign_in', from: '2026-01-01', to: '2026-01-31' },
    });
    expect(ok.ok && 'objectId' in ok.filter).toBe(false);
    expect(parseAuditQuery({ action: 'drop_table' }).ok).toBe(false);
    expect(parseAuditQuery({ from: '2026-02-30' }).ok).toBe(false);
    const reversed = parseAuditQuery({ from: '2026-02-02', to: '2026-02-01' });
    expect(reversed.ok === false && reversed.errors[0]!.message).toBe('结束日期不能早于开始日期');
    expect(parseAuditQuery({ page: 'x' })).toMatchObject({ ok: true, page: 1 });
  });

  it('writes CSV fields quoted, quotes doubled, and formulas defused', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1+1')).toBe('"\'-1+1"');
    expect(csvField('张三, 李四\n')).toBe('"张三, 李四\n"');
  });

  it('shows a row in words and China Standard Time', () => {
    const at = new Date('2026-03-01T16:05:09Z');
    expect(formatTimestamp(at)).toBe('2026-03-02 00:05:09');
    expect(detailWords({ email: 'a@b.cn', reason: '电子邮箱或密码不正确', fullIdentifiers: false })).toBe(
      '电子邮箱：a@b.cn；原因：电子邮箱或密码不正确；完整证件号码：否',
    );
    const line = auditCsvLine(
      {
        id: 1,
        at,
        actor: 'system:validity',
        clientAddress: '10.0.0.1',
        action: 'sign_in_refused',
        objectType: null,
        objectId: null,
        detail: { email: 'x@y.cn' },
      },
      EMPTY_DIRECTORY,
    );
    expect(line).toBe(
      '"2026-03-02 00:05:09","系统（有效期届满）","system:validity","10.0.0.1","登录失败","sign_in_refused","","","电子邮箱：x@y.cn"\r\n',
    );
  });

  it('words the objects and the details of the back office’s own actions, not codes', () => {
    expect(objectLabel('entry', 'KS-1')).toBe('名单信息 KS-1');
    expect(objectLabel('lifting_task', null)).toBe('解除任务');
    expect(objectLabel(null, null)).toBe('—');
    expect(detailWords({ outcome: 'lifted', taskIds: [3, 4], count: 2 })).toBe('结果：已解除；任务编号：3、4；数量：2');
    expect(detailWords({ requestId: 7, kind: '撤销', reason: '全部履行' })).toBe(
      '审核申请编号：7；处理方式：撤销；原因：全部履行',
    );
    expect(detailWords({ scope: 'overdue', taskCount: 1 })).toBe('范围：已超期任务；任务数：1');
    expect(detailWords({ filter: { action: 'sign_in' } })).toBe('筛选条件：操作类型=登录');
    expect(
      detailWords({
        filter: { from: '2026-01-01', to: '2026-01-31', kind: 'person', severity: 'serious' },
        via: 'api',
      }),
    ).toBe('筛选条件：开始日期=2026-01-01，结束日期=2026-01-31，主体类型=自然人，失信严重程度=严重失信；途径：接口');
  });
});
