/**
 * The API's error codes, the one table: each code's HTTP status and what it means. apiError()
 * (domain/http/api.ts) takes the status from here, so a route names only the code; the OpenAPI
 * document and /developers list the table; the HTTP front's refusals (domain/http/refusals.ts)
 * use its codes too.
 */
import 'server-only';
import { MAX_BATCH_BYTES, MAX_CHECK_BYTES, MAX_ENTRY_BYTES } from '@/domain/http/limits';
import { MAX_QUERY_CHARS, MIN_QUERY_CHARS } from '@/lib/search/limits';

export function formatBytes(n: number): string {
  const unit = n >= 1024 * 1024 ? `${n / 1024 / 1024} MB` : `${n / 1024} KB`;
  return `${unit}（${n.toLocaleString('en-US')} 字节）`;
}

/** The `error.code` of every error response, with its HTTP status, in plain Chinese. */
export const API_ERROR_CODES = {
  invalid_json: { status: 400, description: '请求体不是有效的 UTF-8 JSON。' },
  unauthorized: { status: 401, description: '没有 Authorization 请求头，或 API 密钥无法识别、无效、已吊销。' },
  forbidden: {
    status: 403,
    description:
      'API 密钥有效，但其角色无权调用此接口（推送接口只接受法院密钥，变更通知只接受联动单位密钥，批量核查只接受部门和企业密钥）。',
  },
  not_found: {
    status: 404,
    description:
      '没有该信息唯一标识对应的信息。公开接口对一切不公开的信息（已撤销、已屏蔽、依法不宜公开、已过有效期、尚未发布）都这样回答。',
  },
  outside_court: {
    status: 403,
    description: '法院密钥只能处理本院（密钥所属单位，按法院名录识别）作为执行法院的信息。',
  },
  not_active: { status: 409, description: '该信息已被撤销或屏蔽，不能再次撤销或屏蔽。' },
  no_webhook: { status: 404, description: '该密钥没有登记推送接收地址（或已停用）。' },
  not_redeliverable: { status: 409, description: '所列记录都不能重新推送：不属于该接收地址，或正在推送中。' },
  ground_conflict: {
    status: 409,
    description:
      '该信息已登记了另一撤销事由（或另一发生日），撤销期限正在计算，未作任何修改。同一事由和发生日再次提交返回 200，不算冲突；如登记有误，请由法院工作人员在管理后台更正。',
  },
  stale_version: {
    status: 409,
    description:
      '推送的更新时间（updatedAt）早于平台已保存的版本：旧版本晚到，未作任何修改。可视为已经完成（平台已有更新的版本）。',
  },
  version_conflict: {
    status: 409,
    description: '推送的更新时间与已保存的版本相同，内容却不同，未作任何修改。内容有变化时请同时更新更新时间。',
  },
  version_required: {
    status: 409,
    description:
      '该信息已保存的版本带有更新时间，推送未填写更新时间，无法判断新旧，未作任何修改。请填写更新时间后重新推送。',
  },
  payload_too_large: {
    status: 413,
    description:
      `请求体过大：单条推送和撤销不超过 ${formatBytes(MAX_ENTRY_BYTES)}，批量推送不超过 ${formatBytes(MAX_BATCH_BYTES)}，批量核查不超过 ` +
      `${formatBytes(MAX_CHECK_BYTES)}。`,
  },
  unsupported_media_type: { status: 415, description: '请求头 Content-Type 不是 application/json。' },
  validation_failed: { status: 422, description: '提交的数据未通过校验，未作任何修改；fields 列出每一个问题。' },
  invalid_parameters: { status: 422, description: '查询参数有误（主体类型、日期、页码等）；fields 列出有误的参数。' },
  query_required: { status: 422, description: '没有填写查询内容 q。' },
  query_too_short: { status: 422, description: `查询内容少于 ${MIN_QUERY_CHARS} 个字。` },
  query_person_id: {
    status: 422,
    description:
      '查询内容为居民身份证号码：为保护个人信息，自然人只按姓名查询（无论是否在名单中，回答相同）；单位可按名称或统一社会信用代码查询。',
  },
  query_too_long: { status: 422, description: `查询内容超过 ${MAX_QUERY_CHARS} 个字符。` },
  too_many_requests: {
    status: 429,
    description: '该客户端地址的读取额度已用完（防止批量获取名单）；Retry-After 响应头给出需等待的秒数。',
  },
  bad_request: { status: 400, description: '请求地址含空字符、控制字符、无效的百分号编码或未编码的字节。' },
  uri_too_long: { status: 414, description: '请求地址超过 4096 个字符。' },
  length_required: { status: 411, description: '网页表单提交（Server Action）未声明 Content-Length。' },
  cross_origin: { status: 403, description: '网页表单提交（Server Action）的 Origin 不是本站。' },
  internal_error: { status: 500, description: '系统暂时无法处理请求（不含任何请求内容）；请稍后重试。' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;
