import { describe, expect, it } from 'vitest';
import { receiptFileName, receiptHtml, receiptRows } from './receipt';

const data = {
  trackingNo: 'SQ20261203ABC123',
  accessCode: 'K7M2P-Q9XW4',
  receipt: {
    kind: 'objection' as const,
    handlers: ['市公安局', '市<税务>局'],
    submittedOn: '2026-12-03',
    dueOn: '2026-12-18',
  },
};

describe('the receipt', () => {
  it('lists the codes, the kind, the bodies, the date and the due day', () => {
    expect(receiptRows(data).map(([label, value]) => `${label}:${value}`)).toEqual([
      '查询号:SQ20261203ABC123',
      '访问码:K7M2P-Q9XW4',
      '申请类型:异议申请',
      '办理单位:市公安局、市<税务>局',
      '提交日期:2026年12月03日',
      '办理期限:截止 2026年12月18日（含当日）',
    ]);
  });

  it('downloads as one HTML page holding both codes and how to track, text escaped', () => {
    const html = receiptHtml(data, '诚信昆山', 'https://credit.example.cn/track');
    expect(html).toContain('<td>SQ20261203ABC123</td>');
    expect(html).toContain('<td>K7M2P-Q9XW4</td>');
    expect(html).toContain('查询地址：https://credit.example.cn/track');
    expect(html).toContain('市&lt;税务&gt;局');
    expect(html).not.toContain('<税务>');
    expect(receiptFileName(data.trackingNo)).toBe('回执-SQ20261203ABC123.html');
  });
});
