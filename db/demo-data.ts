/**
 * Deterministic, plainly synthetic entries for the demo site and the benchmark.
 * Same seed → same names, identifiers and case numbers; dates are relative to `anchor`
 * (the day the data is generated) so the demo always has fresh listings and notices.
 * Identifiers carry valid check characters but are random: they belong to nobody.
 */
import 'server-only';
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '@/lib/identifiers';
import type { RemovalKind } from '@/lib/entry-input';
import type { EntryInput } from '@/lib/validation/entry-push';

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏飞玲红兰春梅海波宇浩然子轩欣怡雨晨思远佳琪俊峰志强晓东立新永红金凤宏伟云龙德胜',
];
const COMPANY_WORDS = [
  '华信',
  '宏达',
  '鑫源',
  '恒通',
  '嘉禾',
  '瑞丰',
  '永盛',
  '天成',
  '润泽',
  '金鼎',
  '富康',
  '盛世',
  '祥和',
  '锦程',
  '新亚',
  '东方',
  '中联',
  '万通',
  '汇丰',
  '广源',
  '博远',
  '卓越',
  '正泰',
  '安达',
];
const INDUSTRIES = [
  '农业发展',
  '电子科技',
  '机械制造',
  '建筑工程',
  '贸易',
  '物流',
  '餐饮管理',
  '房地产开发',
  '纺织',
  '新材料',
  '精密模具',
  '装饰工程',
  '信息技术',
  '商贸',
  '运输',
];
const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司'];
const CIRCUMSTANCES = [
  '有履行能力而拒不履行生效法律文书确定义务',
  '违反财产报告制度',
  '违反限制消费令',
  '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
  '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
  '无正当理由拒不履行执行和解协议',
];
const COURTS = [
  { name: '昆山市人民法院', code: '苏0583', weight: 0.82 },
  { name: '苏州市中级人民法院', code: '苏05', weight: 0.1 },
  { name: '苏州市吴中区人民法院', code: '苏0506', weight: 0.08 },
];
const REGIONS = [
  '320583',
  '320505',
  '320506',
  '320507',
  '320508',
  '320581',
  '320582',
  '320585',
  '340121',
  '410122',
  '510623',
  '130924',
];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DAY = 86_400_000;

export type DemoStatus = { kind: RemovalKind; daysAgo: number; reason: string } | null;
export type DemoEntry = { input: EntryInput; removal: DemoStatus };

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function digits(rand: () => number, n: number) {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 10);
  return s;
}

function personName(rand: () => number) {
  return pick(rand, SURNAMES) + pick(rand, GIVEN) + (rand() < 0.55 ? pick(rand, GIVEN) : '');
}

function ymd(d: Date) {
  return d.toISOString().slice(0, 10);
}

function yuan(n: number) {
  return `人民币${n.toLocaleString('en-US')}元`;
}

export function demoEntry(i: number, opts: { seed: number; anchor: Date; uidPrefix: string }): DemoEntry {
  const rand = mulberry32(opts.seed * 7919 + i * 104729);
  const isPerson = rand() < 0.7;
  const court = rand() < COURTS[0]!.weight ? COURTS[0]! : rand() < 0.55 ? COURTS[1]! : COURTS[2]!;
  const publishedAt = new Date(opts.anchor.getTime() - Math.floor(rand() * 3 * 365) * DAY - Math.floor(rand() * DAY));
  const year = publishedAt.getUTCFullYear() - (rand() < 0.4 ? 1 : 0);
  const filedAt = new Date(publishedAt.getTime() - (30 + Math.floor(rand() * 300)) * DAY);
  const caseNo = `(${year})${court.code}执${rand() < 0.15 ? '恢' : ''}${1 + Math.floor(rand() * 9999)}号`;
  const basisDocNo = `(${year - 1})${court.code}民初${1 + Math.floor(rand() * 19999)}号`;
  const amount = 5_000 + Math.floor(rand() * 2_000_000);
  const paid = rand() < 0.3 ? Math.floor(amount * rand() * 0.6) : 0;
  const serious = rand() < 0.2;
  const circumstances = [pick(rand, CIRCUMSTANCES), ...(rand() < 0.25 ? [pick(rand, CIRCUMSTANCES)] : [])].filter(
    (c, k, all) => all.indexOf(c) === k,
  );

  const r = rand();
  const disclosure: EntryInput['disclosure'] = r < 0.02 ? 'restricted' : 'public';
  // Expired entries: the validity period ended before the anchor day (and after publication).
  const expiredAt = new Date(opts.anchor.getTime() - (1 + Math.floor(rand() * 200)) * DAY);
  const expired = r >= 0.02 && r < 0.05 && expiredAt > publishedAt;
  const validUntil = expired
    ? expiredAt
    : new Date(publishedAt.getTime() + (serious ? 5 : 2) * 365 * DAY + Math.floor(rand() * 365) * DAY);

  const s = rand();
  const removal: DemoStatus =
    s < 0.04
      ? {
          kind: 'revoke',
          daysAgo: Math.floor(rand() * 60),
          reason: pick(rand, ['全部履行', '执行和解履行完毕', '终结执行']),
        }
      : s < 0.06
        ? { kind: 'shield', daysAgo: Math.floor(rand() * 60), reason: pick(rand, ['申请执行人申请', '纳入错误']) }
        : null;

  const base = {
    uid: `${opts.uidPrefix}${String(i).padStart(7, '0')}`,
    caseNo,
    court: court.name,
    regionId: '320583',
    regionName: '江苏省苏州市昆山市',
    basisDocNo,
    basisIssuer: court.name,
    duty: `被执行人向申请执行人支付${yuan(amount)}及相应利息，并负担案件受理费。`,
    performance: paid > 0 ? '部分履行' : '全部未履行',
    circumstances,
    publishedAt,
    filedAt: ymd(filedAt),
    performedPart: paid > 0 ? yuan(paid) : '0元',
    unperformedPart: yuan(amount - paid),
    severity: serious ? ('serious' as const) : ('general' as const),
    validUntil,
    disclosure,
    demo: true,
  };

  if (isPerson) {
    const age = 20 + Math.floor(rand() * 50);
    const birth = new Date(
      Date.UTC(publishedAt.getUTCFullYear() - age - 1, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)),
    );
    const male = rand() < 0.6;
    const seq = digits(rand, 2) + String((Math.floor(rand() * 5) * 2 + (male ? 1 : 0)) % 10);
    const first17 = pick(rand, REGIONS) + ymd(birth).replaceAll('-', '') + seq;
    const idNumber = first17 + residentIdCheckChar(first17);
    const actualAge = Math.floor((publishedAt.getTime() - birth.getTime()) / (365.2425 * DAY));
    return {
      input: {
        ...base,
        subjectType: 'person',
        name: personName(rand),
        gender: male ? '男' : '女',
        age: actualAge,
        idNumber,
        otherIds: rand() < 0.05 ? [{ type: '护照', number: `E${digits(rand, 8)}` }] : [],
        legalRepresentative: null,
      },
      removal,
    };
  }

  let org8 = '';
  for (let k = 0; k < 8; k++)
    org8 += k < 2 ? String(Math.floor(rand() * 10)) : USCC_CHARS[Math.floor(rand() * USCC_CHARS.length)];
  const orgCode = org8 + orgCodeCheckChar(org8);
  const usccBody = `91320583${orgCode}`;
  const hasUscc = rand() < 0.85;
  const words = [pick(rand, COMPANY_WORDS), pick(rand, INDUSTRIES), pick(rand, SUFFIXES)];
  const name = `昆山${rand() < 0.5 ? '市' : ''}${words.join('')}`;
  return {
    input: {
      ...base,
      subjectType: 'organization',
      name,
      idNumber: hasUscc ? usccBody + usccCheckChar(usccBody) : `${org8}-${orgCode.slice(8)}`,
      otherIds: [],
      legalRepresentative: personName(rand),
    },
    removal,
  };
}

export function startOfUtcDay(d = new Date()) {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
