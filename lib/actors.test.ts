import { describe, expect, it } from 'vitest';
import { actorLabel, EMPTY_DIRECTORY, parseActor, type ActorDirectory } from '@/lib/actors';
import { DISPLAY_STATUS_LABELS, EVENT_LABELS } from '@/lib/labels';
import { DISPLAY_STATUSES, ENTRY_EVENT_KINDS } from '@/lib/entry-input';

const directory: ActorDirectory = {
  staff: new Map([
    ['review-clerk@ks.gov.cn', { name: '李审核', role: 'court_clerk', unit: null }],
    ['officer@ks.gov.cn', { name: '王经办', role: 'department_officer', unit: '市财政局' }],
  ]),
  keys: new Map([['k_court1', '昆山市人民法院']]),
};

describe('actorLabel', () => {
  it('shows staff by name with role and unit', () => {
    expect(actorLabel('staff:review-clerk@ks.gov.cn', directory)).toBe('李审核（法院执行干警）');
    expect(actorLabel('staff:officer@ks.gov.cn', directory)).toBe('王经办（市财政局·联动单位经办人）');
    expect(actorLabel('staff:officer@ks.gov.cn:import', directory)).toBe(
      '王经办（市财政局·联动单位经办人）（文件导入）',
    );
  });

  it('falls back to the email for a staff member it does not know', () => {
    expect(actorLabel('staff:gone@ks.gov.cn', EMPTY_DIRECTORY)).toBe('gone@ks.gov.cn');
  });

  it('shows an API key by its organisation, or its id when unknown', () => {
    expect(actorLabel('apikey:k_court1', directory)).toBe('昆山市人民法院（接口）');
    expect(actorLabel('apikey:k_other', directory)).toBe('k_other（接口）');
  });

  it('puts system actors in words', () => {
    expect(actorLabel('system:validity', EMPTY_DIRECTORY)).toBe('系统（有效期届满）');
    expect(actorLabel('applicant', EMPTY_DIRECTORY)).toBe('申请人');
    expect(actorLabel('demo-seed', EMPTY_DIRECTORY)).toBe('演示数据');
    expect(actorLabel('import:list.xlsx', EMPTY_DIRECTORY)).toBe('文件导入（list.xlsx）');
  });

  it('parses the codes it looks up', () => {
    expect(parseActor('staff:a@b.cn:import')).toEqual({ staffEmail: 'a@b.cn' });
    expect(parseActor('apikey:k_1')).toEqual({ keyId: 'k_1' });
    expect(parseActor('applicant')).toEqual({});
  });
});

describe('labels', () => {
  it('every entry event kind and display status has a Chinese label', () => {
    for (const kind of ENTRY_EVENT_KINDS) expect(EVENT_LABELS[kind]).toMatch(/\p{Script=Han}/u);
    for (const status of DISPLAY_STATUSES) expect(DISPLAY_STATUS_LABELS[status]).toMatch(/\p{Script=Han}/u);
    expect(EVENT_LABELS.expired).toBe('已过有效期');
  });
});
