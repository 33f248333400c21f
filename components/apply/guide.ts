/**
 * The three public forms in plain words: when each applies (the first question on /apply), what to write in the
 * statement box (with an example) and what to have ready. No citations here: each page ends with its 依据 in words.
 */
import { type ApplicationKind, CREDIT_OFFICE_NAME } from '@/lib/case-terms';

export type KindGuide = {
  /** The choice on /apply: the situation in the applicant's words, and where it goes. */
  situation: string;
  goesTo: string;
  statementHint: string;
  statementExample: string;
  /** What this form needs beyond the identity document, the case number and the evidence. */
  materials: string[];
  basis: string;
};

const BASIS = '依据：《关于落实对失信被执行人联合惩戒机制的实施意见（试行）》（昆办发〔2017〕135号）第二部分';

export const KIND_ORDER: ApplicationKind[] = ['correction', 'objection', 'guarantee', 'repair'];

export const KIND_GUIDE: Record<ApplicationKind, KindGuide> = {
  correction: {
    situation: '名单上关于我的信息有错（姓名、证件号、案号、履行情况等），或者我不应被列入名单',
    goesTo: '向执行法院申请纠正',
    statementHint: '写清哪一项信息有错、正确的情况是什么，以及您认为应当纠正或撤销的原因。',
    statementExample:
      '例如：名单上我的案号写成了 (2024)苏0583执1234号，实际应为 (2024)苏0583执1243号；' +
      '另外我已于 2024 年 5 月 10 日与申请执行人达成和解并全部履行，不应被列入名单，请予撤销。',
    materials: [
      '收到纳入决定（或得知被列入名单）的日期',
      '能说明信息有误或已履行的材料，如和解协议、付款凭证、法院文书',
    ],
    basis: `${BASIS}“风险提示与救济”`,
  },
  objection: {
    situation: '对某个部门对我采取的惩戒措施有异议',
    goesTo: '向采取该措施的部门提出异议，可同时向多个部门提出',
    statementHint: '写清是哪个部门、在什么事情上对您采取了哪项措施，以及您认为不应采取或应当解除的原因。',
    statementExample:
      '例如：2024 年 6 月我参加某项目招标时，被告知因列入失信名单而不能投标；' +
      '但该案我已于 2024 年 5 月全部履行，法院已出具结案证明，请求解除对我的该项限制。',
    materials: ['对哪项惩戒措施有异议、由哪个部门采取', '能说明情况的材料，如部门的通知、结案证明、付款凭证'],
    basis: `${BASIS}“异议处理”`,
  },
  repair: {
    situation: '我已履行完毕或已被移出名单，想申请信用修复',
    goesTo: `向${CREDIT_OFFICE_NAME}申请修复信用记录`,
    statementHint: '写清失信信息何时被法院撤销或屏蔽，以及您希望修复的信用记录。',
    statementExample:
      '例如：我已于 2024 年 5 月全部履行，法院已于 2024 年 6 月撤销失信信息；' +
      '请求修复我在本平台及相关部门的信用记录。',
    materials: ['法院撤销或屏蔽失信信息的文书或通知', '履行完毕的证明，如结案证明、付款凭证'],
    basis: `${BASIS}“信用修复”`,
  },
  guarantee: {
    situation: '我已向法院提供了有效的执行担保，请求解除对我的失信惩戒措施',
    goesTo: '向执行法院申请，由法院审查决定',
    statementHint:
      '写清担保的方式（保证人担保、财产担保等）、担保的金额或财产、法院何时确认或收到担保，以及请求解除的措施。',
    statementExample:
      '例如：2024 年 7 月 1 日我以名下房产为本案提供执行担保，担保金额 50 万元，已向执行法院提交担保书和不动产登记证明；' +
      '请求解除对我的失信惩戒措施。',
    materials: ['执行担保的材料，如担保书、保证人的身份证明、担保财产的权属证明（至少上传一份）'],
    basis: `${BASIS}“失信被执行人名单退出”`,
  },
};
