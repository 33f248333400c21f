/** What the entry page says after a removal step (the step's form is gone once the page re-renders). */
export const REMOVAL_DONE = {
  requested: '已提交负责人审核。审核通过后该信息才会停止公示；审核前信息保持不变。',
  approved:
    '审核通过，已生效：该信息已从公示页面、查询结果和接口中移除，撤销公告已发布，已向联动单位推送变更，并为已反馈实施惩戒措施的单位生成解除任务。',
  refused: '已退回该申请，名单信息保持不变。承办人可在补充理由后重新提交。',
} as const;
export type RemovalDone = keyof typeof REMOVAL_DONE;

export function removalDoneMessage(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value in REMOVAL_DONE ? REMOVAL_DONE[value as RemovalDone] : null;
}
