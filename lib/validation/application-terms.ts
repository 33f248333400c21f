/** The public forms' wording the server checks and the browser shows, apart from the schemas (no zod in the client). */
export const STATEMENT_MAX = 5000;
export const STATEMENT_LABEL = '发生了什么、为什么';
export const DECLARATION_TEXT = '本人承诺所填信息和所附材料真实、准确、完整，如有虚假，愿意承担相应的法律责任。';
export const DECLARATION_MISSING = '请阅读并勾选承诺：确认所填信息和所附材料真实';
