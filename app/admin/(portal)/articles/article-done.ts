/** What the article page says after a step (the step's form is gone once the page re-renders). */
export const ARTICLE_DONE = {
  created: '草稿已保存。可以继续修改、上传附件，完成后提交审核。',
  edited: '修改已保存。',
  attached: '附件已上传。',
  detached: '附件已删除。',
  submitted: '已提交审核。市信用办另一位工作人员审核通过后文章才会发布；审核前不能修改。',
  published: '审核通过，文章已发布：首页、栏目列表和 RSS 订阅中即时可见。',
  returned: '已退回撰写人修改，文章未发布。',
  withdrawn: '文章已撤回：已从首页、栏目列表、详情页和 RSS 订阅中移除。',
} as const;
export type ArticleDone = keyof typeof ARTICLE_DONE;

export function articleDoneMessage(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value in ARTICLE_DONE ? ARTICLE_DONE[value as ArticleDone] : null;
}
