/** A department's webhook registration (domain/sharing/webhooks.ts): the portal's form and the API's body. */
import { z } from 'zod';

export const WEBHOOK_LIMITS = { url: 2000, secretMin: 32, secretMax: 256 } as const;

/**
 * An HTTPS address the platform may POST to: no credentials in it (the secret is the credential), no fragment.
 * Departments' systems often sit on the government network, so private addresses are allowed; only
 * administrators and department keys can register one.
 */
export const webhookUrlSchema = z
  .string('请填写接收地址')
  .trim()
  .min(1, '请填写接收地址')
  .max(WEBHOOK_LIMITS.url, `接收地址不能超过 ${WEBHOOK_LIMITS.url} 个字符`)
  .refine((value) => URL.canParse(value), '接收地址不是有效的网址')
  .refine((value) => !URL.canParse(value) || new URL(value).protocol === 'https:', '接收地址须以 https:// 开头')
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password && !url.hash;
  }, '接收地址不能含用户名、密码或“#”片段');

/** Printable ASCII, long enough to resist guessing; blank in the portal means "generate one". */
export const webhookSecretSchema = z
  .string('请填写签名密钥')
  .min(WEBHOOK_LIMITS.secretMin, `签名密钥至少 ${WEBHOOK_LIMITS.secretMin} 个字符`)
  .max(WEBHOOK_LIMITS.secretMax, `签名密钥不能超过 ${WEBHOOK_LIMITS.secretMax} 个字符`)
  .regex(/^[\x21-\x7e]+$/, '签名密钥只能由可见的英文字母、数字和符号组成');

/** PUT /api/v1/webhook: the key's own endpoint. */
export const webhookRegistrationSchema = z.strictObject(
  { url: webhookUrlSchema, secret: webhookSecretSchema },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? '请求含未知字段' : '请求体应为 JSON 对象') },
);
export type WebhookRegistration = z.infer<typeof webhookRegistrationSchema>;

/** POST /api/v1/webhook/deliveries/redeliver: the deliveries to send again, or none for every failed one. */
export const redeliverySchema = z.strictObject(
  {
    ids: z
      .array(z.int('记录编号应为整数').min(1, '记录编号应为正整数'), '记录编号应为数组')
      .min(1, '请至少列出一条记录')
      .max(500, '一次最多重推 500 条记录')
      .optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? '请求含未知字段' : '请求体应为 JSON 对象') },
);
