/**
 * The columns of a /check list, defined once: the parser (./input.ts) recognises a header row by them, the templates
 * (./template.ts) are written from them. The first header of each is the one the templates use.
 */
import { CHECK_FIELD_DOCS } from '@/lib/validation/check';

export type CheckColumn = {
  key: 'name' | 'idNumber';
  /** Header cells that name this column (compared without spaces, asterisks or colons, case-insensitive). */
  headers: readonly string[];
  /** What the templates' notes say about the column. */
  hint: string;
  width: number;
};

export const CHECK_COLUMNS: readonly CheckColumn[] = [
  {
    key: 'name',
    headers: ['名称', '企业名称', '单位名称', '公司名称', '名称或姓名', '姓名', '交易对象', '对象名称', 'name'],
    hint: `必填（或只填代码）。${CHECK_FIELD_DOCS.name.description}`,
    width: 40,
  },
  {
    key: 'idNumber',
    headers: [
      '统一社会信用代码',
      '信用代码',
      '社会信用代码',
      '组织机构代码',
      '证件号码',
      '身份证号码',
      '代码',
      'uscc',
      'idnumber',
    ],
    hint: `选填。${CHECK_FIELD_DOCS.idNumber.description}自然人只按姓名比对，结果中的身份证号码隐去出生月日。`,
    width: 28,
  },
];
