/**
 * What the HTTP front (scripts/serve.ts) refuses and how it words it, and the
 * Content-Security-Policy it sends: plain functions, so unit tests read them directly.
 */

import 'server-only';
import { API_ERROR_CODES, type ApiErrorCode } from '@/domain/http/errors';

/** A refusal's code and the status the one table gives it. */
const withStatus = (code: ApiErrorCode) => ({ status: API_ERROR_CODES[code].status, code });

/** Longer request targets are refused (414); a search query is at most 100 characters. */
export const MAX_TARGET_CHARS = 4096;

export type Refusal = {
  status: number;
  code: ApiErrorCode;
  title: string;
  message: string;
  headers?: Record<string, string>;
};

export const REFUSALS = {
  badTarget: {
    ...withStatus('bad_request'),
    title: '请求地址无效',
    message: '请求地址包含无法识别的字符（如空字符或无效的编码）。请检查链接，或回到首页重新查询。',
  },
  longTarget: {
    ...withStatus('uri_too_long'),
    title: '请求地址过长',
    message: `请求地址不能超过 ${MAX_TARGET_CHARS} 个字符。请缩短查询内容后重试。`,
  },
  lengthRequired: {
    ...withStatus('length_required'),
    title: '请求无效',
    message: '提交的表单缺少长度信息，请刷新页面后重试。',
  },
  internal: {
    ...withStatus('internal_error'),
    title: '系统暂时无法处理',
    message: '系统暂时无法处理您的请求，请稍后再试。',
  },
  crossOrigin: {
    ...withStatus('cross_origin'),
    title: '请求被拒绝',
    message: '表单只能从本站页面提交。请回到本站页面重新操作。',
  },
  badModeSwitch: {
    ...withStatus('bad_request'),
    title: '链接无效',
    message: '切换长辈版或标准版的链接无效：只能返回本站的页面。请回到首页，用页面顶部的“长辈版”“标准版”链接切换。',
  },
} satisfies Record<string, Refusal>;

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A refusal as a plain Chinese page, with no script (served with REFUSAL_PAGE_CSP). */
export function refusalPage(r: Refusal): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" ` +
    `content="width=device-width, initial-scale=1"><title>${escapeHtml(r.title)} · 诚信昆山</title></head>` +
    `<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 ` +
    `1rem;line-height:1.7"><main><h1>${escapeHtml(r.title)}</h1><p>${escapeHtml(r.message)}</p><p><a ` +
    `href="/">返回诚信昆山首页</a></p></main></body></html>`
  );
}

/** The refusal page has no script: nothing may run or frame it. */
export const REFUSAL_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** A byte limit in words: whole megabytes from 1 MB on, kilobytes below. */
function limitText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${Math.floor(bytes / 1024)} KB`;
}

export function tooLarge(limit: number): Refusal {
  return {
    ...withStatus('payload_too_large'),
    title: '提交内容过大',
    message: `提交的内容不能超过 ${limitText(limit)}。`,
  };
}

export function tooMany(retryAfterSeconds: number): Refusal {
  const wait = retryAfterSeconds >= 120 ? `${Math.ceil(retryAfterSeconds / 60)} 分钟` : `${retryAfterSeconds} 秒`;
  return {
    ...withStatus('too_many_requests'),
    title: '访问过于频繁',
    message: `您的访问过于频繁，请 ${wait}后再试。本平台用于逐条查询，不提供名单的批量获取。`,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}

/** NUL and C0/DEL controls other than tab and line breaks, after percent-decoding. */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Raw bytes must arrive percent-encoded, and every escape must decode to UTF-8 without controls. */
export function targetProblem(target: string): Refusal | null {
  if (target.length > MAX_TARGET_CHARS) return REFUSALS.longTarget;
  if (/[^\x21-\x7e]/.test(target)) return REFUSALS.badTarget;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target.replace(/\+/g, ' '));
  } catch {
    return REFUSALS.badTarget;
  }
  return CONTROL.test(decoded) ? REFUSALS.badTarget : null;
}

/**
 * Content-Security-Policy with this response's nonce; inline styles are allowed (React style attributes, the report's
 * print CSS).
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
