import { describe, expect, it } from 'vitest';
import { daysLeft, formatDueDay } from './format';

describe('due days', () => {
  it('are written so they cannot be misread: the last day, included', () => {
    expect(formatDueDay('2026-12-03')).toBe('截止 2026年12月03日（含当日）');
  });

  it('count the days left in China Standard Time days', () => {
    expect(daysLeft('2026-12-03', '2026-12-01')).toBe('剩余 2 天');
    expect(daysLeft('2026-12-03', '2026-12-03')).toBe('今日到期');
    expect(daysLeft('2026-12-03', '2026-12-05')).toBe('逾期 2 天');
    expect(daysLeft('2027-01-01', '2026-12-31')).toBe('剩余 1 天');
  });
});
