export const PAGE_SIZE = 20;
/** Deep paging is refused: the register is for looking someone up, not for harvesting. */
export const MAX_PAGE = 50;
export const MIN_QUERY_CHARS = 2;
export const MAX_QUERY_CHARS = 100;

/** One wording for pages and API. */
export const QUERY_MESSAGES = {
  empty: '请输入查询内容',
  too_short: `请至少输入 ${MIN_QUERY_CHARS} 个字`,
  too_long: `查询内容不能超过 ${MAX_QUERY_CHARS} 个字符`,
  person_id:
    '为保护个人信息，本站不按居民身份证号码查询自然人。请输入姓名查询，并对照公示的脱敏证件号码（出生月日已隐去）核对；单位可按名称或统一社会信用代码查询。',
} as const;
