/**
 * The grounds for removing an entry (最高人民法院关于公布失信被执行人名单信息的若干规定), in
 * order. A module of its own, without imports, so the staff form's client code carries this
 * list and not the push validator.
 */
export const SPC_GROUNDS = [
  '全部履行',
  '执行和解履行完毕',
  '终结执行',
  '申请执行人申请',
  '不予执行',
  '有效期届满',
  '纳入错误',
  '其他',
] as const;
export type SpcGround = (typeof SPC_GROUNDS)[number];
