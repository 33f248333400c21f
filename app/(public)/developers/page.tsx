import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { MAX_BATCH_BYTES, MAX_ENTRY_BYTES } from '@/domain/http/limits';
import { maskIdNumber } from '@/lib/mask';
import {
  buildOpenApiDocument,
  EXAMPLE_PERSON,
  EXAMPLE_RESIDENT_ID,
  fieldRequirement,
  type JsonObject,
  type Requirement,
} from '@/domain/http/openapi';
import { scrubText } from '@/lib/disclosure';
import { MAX_PAGE, MIN_QUERY_CHARS, PAGE_SIZE } from '@/lib/search/limits';
import { LIMITS, REVOCATION_FIELD_DOCS } from '@/lib/validation/entry-push';
import { ERROR_CODES } from '@/lib/validation/errors';
import { SPC_GROUNDS } from '@/lib/removal-grounds';
import { type SubjectType } from '@/lib/entry-input';
import { SUBJECT_TYPE_LABELS } from '@/lib/labels';
import { FIELD_DOCS, type EntryPushField } from '@/lib/entry-fields';
import { API_ERROR_CODES, formatBytes } from '@/domain/http/errors';
import { FIELD_ERROR_CODE_DESCRIPTIONS, FIELD_ERROR_CODES } from '@/domain/http/responses';

/**
 * /developers — how the court's and the departments' IT staff connect to the API. Every
 * table is generated from the code that validates (FIELD_DOCS, ERROR_CODES, SPC_GROUNDS)
 * or from the OpenAPI document built from it; no registry data, so the page may be static.
 */
export const metadata: Metadata = { title: '开发者接入说明' };

const REQUIREMENT_LABELS: Record<Requirement, string> = { required: '必填', optional: '选填', not_applicable: '不填' };
const SUBJECT_TYPES: SubjectType[] = ['person', 'organization'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const SECTIONS = [
  ['audience', '适用对象'],
  ['api-key', '获取 API 密钥'],
  ['auth', '身份认证'],
  ['endpoints', '接口一览'],
  ['fields', '推送字段'],
  ['revocation', '撤销与屏蔽'],
  ['limits', '大小限制与幂等'],
  ['errors', '错误格式与错误代码'],
  ['masking', '公开接口的脱敏规则'],
  ['examples', '调用示例'],
  ['openapi', '机器可读的接口说明'],
] as const;

type SectionId = (typeof SECTIONS)[number][0];
const title = (id: SectionId) => SECTIONS.find(([s]) => s === id)![1];

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="mt-10 scroll-mt-4">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {title(id)}
      </h2>
      {children}
    </section>
  );
}

/** Inline code that may break anywhere on a narrow screen. */
function C({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 font-mono [overflow-wrap:anywhere]">{children}</code>;
}

/**
 * A code block, scrollable on its own (and by keyboard) when wider than the screen. Examples
 * pass scrubText like every public text: an example ID number is shown masked.
 */
function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="mt-3 max-w-full overflow-x-auto rounded border border-slate-300 bg-slate-100"
    >
      <pre className="p-4 text-sm leading-relaxed text-slate-900">
        <code className="font-mono">{scrubText(children)}</code>
      </pre>
    </div>
  );
}

/** A table that scrolls horizontally inside its frame on a narrow screen. */
function Table({
  caption,
  head,
  children,
  testId,
}: {
  caption: string;
  head: string[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="mt-4 overflow-x-auto rounded border border-slate-300 bg-white"
    >
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="px-4 pt-3 text-left font-semibold">{caption}</caption>
        <thead className="bg-brand-50">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-4 py-2 whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 align-top">{children}</tbody>
      </table>
    </div>
  );
}

const td = 'px-4 py-2';

function requirementText(field: EntryPushField, subjectType: SubjectType): string {
  const put = fieldRequirement(field, subjectType, 'put');
  const batch = fieldRequirement(field, subjectType, 'batch');
  if (put === batch) return REQUIREMENT_LABELS[put];
  return `单条推送${REQUIREMENT_LABELS[put]}；批量推送${REQUIREMENT_LABELS[batch]}`;
}

export default function DevelopersPage() {
  const doc = buildOpenApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
  );
  const revocationRequired = (doc.components.schemas.Revocation!.required as string[] | undefined) ?? [];
  const entryFields = Object.keys(FIELD_DOCS) as EntryPushField[];
  const revocationFields = Object.keys(REVOCATION_FIELD_DOCS) as (keyof typeof REVOCATION_FIELD_DOCS)[];
  const maskedExample = maskIdNumber(EXAMPLE_RESIDENT_ID);
  const { uid: exampleUid } = EXAMPLE_PERSON;
  const exampleError = {
    error: {
      code: 'validation_failed',
      message: '提交的数据未通过校验，未作任何修改',
      fields: [
        { field: 'idNumber', code: 'invalid_checksum', message: `${FIELD_DOCS.idNumber.label}：校验位不正确` },
        { field: 'circumstances', code: 'required', message: `${FIELD_DOCS.circumstances.label}：必须填写` },
      ],
    },
  };

  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">开发者接入说明</h1>
      <p className="mt-2 max-w-3xl text-slate-800">
        本页说明如何通过 JSON
        接口向本平台推送、撤销和屏蔽失信被执行人信息，以及如何查询公示信息。接口的完整机器可读说明（OpenAPI 3.1）见{' '}
        <a href="/api/v1/openapi.json" className="text-brand-700 underline">
          /api/v1/openapi.json
        </a>
        ，本页的字段表和错误代码表与平台实际执行的校验规则出自同一份代码。
      </p>

      <nav aria-labelledby="toc-heading" className="mt-6 rounded border border-slate-300 bg-white p-4">
        <h2 id="toc-heading" className="font-semibold">
          本页目录
        </h2>
        <ol className="mt-2 grid list-decimal gap-x-8 gap-y-1 pl-6 sm:grid-cols-2 lg:grid-cols-3">
          {SECTIONS.map(([id, text]) => (
            <li key={id}>
              <a href={`#${id}`} className="text-brand-700 underline">
                {text}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="audience">
        <ul className="mt-3 list-disc space-y-2 pl-6">
          <li>
            <strong>法院执行案件管理系统</strong>
            ：通过推送接口新增、更新失信被执行人信息，撤销或屏蔽已公布的信息。需要法院角色（court）的 API 密钥。
          </li>
          <li>
            <strong>联合惩戒成员单位的业务系统</strong>
            ：通过公开查询接口按姓名、单位名称、统一社会信用代码或案号查询正在公示的信息（自然人不按身份证号码查询；持完整证件号码授权的成员单位密钥可用批量核查接口按证件号码核查），在办理业务时核查。
            {'公开查询接口不需要密钥。向成员单位共享依法不宜公开信息的接口尚未开放。'}
          </li>
        </ul>
      </Section>

      <Section id="api-key">
        <p className="mt-3">
          API
          密钥由昆山市社会信用体系建设领导小组办公室（市信用办）按单位和角色签发，请向市信用办申请，说明使用单位、接入的系统和用途。
          密钥分三类：法院推送（执行法院的案件管理系统）、联动单位（成员单位读取或接收推送的名单变更、导出名单、批量核查）和企业核查（企业批量核查交易对象）。
        </p>
        <ul className="mt-3 list-disc space-y-1 pl-6">
          <li>
            密钥只在签发时显示一次，形如 <C>ck_k_0123456789ab.&lt;43 位密文&gt;</C>
            ；平台只保存其摘要，无法找回，遗失请申请新密钥。
          </li>
          <li>请把密钥保存在服务器端的配置或密钥管理系统中，不要写进源代码、日志或发给他人。</li>
          <li>
            密钥泄露或系统停用时，请通知市信用办立即吊销；吊销后使用该密钥的请求返回
            401。平台记录每个密钥的最近使用时间。
          </li>
        </ul>
      </Section>

      <Section id="auth">
        <p className="mt-3">推送接口的每个请求都须在请求头中携带密钥：</p>
        <CodeBlock label="认证请求头">{'Authorization: Bearer ck_<id>.<secret>'}</CodeBlock>
        <p className="mt-3">
          没有密钥、密钥无法识别或已吊销时返回 401（<C>unauthorized</C>
          ）；密钥有效但角色不符（例如用成员单位的密钥调用推送接口）时返回 403（<C>forbidden</C>）。生产环境请通过 HTTPS
          调用，以免密钥在传输中泄露。公开查询接口不需要密钥。
        </p>
      </Section>

      <Section id="endpoints">
        <Table caption="接口列表" head={['方法', '路径', '用途', '需要密钥']}>
          {operations.map(({ path, method, op }) => (
            <tr key={`${method} ${path}`}>
              <td className={`${td} font-mono font-semibold`}>{method.toUpperCase()}</td>
              <th scope="row" className={`${td} font-mono font-normal whitespace-nowrap`}>
                {path}
              </th>
              <td className={td}>{String(op.summary)}</td>
              <td className={td}>{op.security ? '是（法院）' : '否'}</td>
            </tr>
          ))}
        </Table>
        {operations.map(({ path, method, op }) => (
          <div key={`${method} ${path}`} className="mt-6 rounded border border-slate-300 bg-white p-4">
            <h3 className="font-semibold">
              <span className="mr-2 font-mono">{method.toUpperCase()}</span>
              <span className="font-mono [overflow-wrap:anywhere]">{path}</span>
              <span className="ml-2 font-normal text-slate-700">{String(op.summary)}</span>
            </h3>
            <p className="mt-2">{String(op.description)}</p>
            <dl className="mt-2 space-y-1 text-sm">
              {Object.entries(op.responses as JsonObject).map(([status, response]) => (
                <div key={status} className="flex gap-3">
                  <dt className="w-10 shrink-0 font-mono font-semibold">{status}</dt>
                  <dd className="[overflow-wrap:anywhere]">{String((response as JsonObject).description)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </Section>

      <Section id="fields">
        <p className="mt-3">
          推送的请求体是 JSON 对象（<C>Content-Type: application/json</C>
          ，UTF-8），字段名为英文驼峰命名，对应《失信被执行人信息推送表》（昆办发〔2017〕135号附件1）的各项，另加失信严重程度、失信信息有效期、公开方式和更新时间。未列出的字段不会被忽略，而是以{' '}
          <C>unknown_field</C> 拒绝。填写
          <C>null</C> 或空白等同于不填。
        </p>
        <Table
          caption="推送字段及是否必填"
          head={['字段', '中文名称', '说明', SUBJECT_TYPE_LABELS.person, SUBJECT_TYPE_LABELS.organization]}
          testId="field-table"
        >
          {entryFields.map((field) => (
            <tr key={field}>
              <th scope="row" className={`${td} font-mono font-normal`}>
                {field}
              </th>
              <td className={`${td} min-w-32`}>{FIELD_DOCS[field].label}</td>
              <td className={`${td} min-w-72`}>{FIELD_DOCS[field].description}</td>
              {SUBJECT_TYPES.map((t) => (
                <td key={t} className={`${td} min-w-20`}>
                  {requirementText(field, t)}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </Section>

      <Section id="revocation">
        <p className="mt-3">
          撤销或屏蔽一条信息：<C>POST /api/v1/court/entries/{'{uid}'}/revoke</C>
          。接口返回时，该信息已在平台各处停止公示，撤销、屏蔽公告同时发布。
        </p>
        <Table caption="撤销、屏蔽请求的字段" head={['字段', '中文名称', '说明', '是否必填']}>
          {revocationFields.map((field) => (
            <tr key={field}>
              <th scope="row" className={`${td} font-mono font-normal`}>
                {field}
              </th>
              <td className={`${td} min-w-24`}>{REVOCATION_FIELD_DOCS[field].label}</td>
              <td className={`${td} min-w-72`}>{REVOCATION_FIELD_DOCS[field].description}</td>
              <td className={td}>
                {revocationRequired.includes(field) ? '必填' : field === 'note' ? '事由为“其他”时必填' : '选填'}
              </td>
            </tr>
          ))}
        </Table>
        <h3 className="mt-6 font-semibold">撤销、屏蔽事由（reason 的取值）</h3>
        <p className="mt-1 text-sm text-slate-700">
          依据《最高人民法院关于公布失信被执行人名单信息的若干规定》，按以下文字原样填写：
        </p>
        <ol className="mt-2 list-decimal space-y-1 pl-6" data-testid="spc-grounds">
          {SPC_GROUNDS.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ol>
      </Section>

      <Section id="limits">
        <ul className="mt-3 list-disc space-y-2 pl-6">
          <li>单条推送和撤销：请求体不超过 {formatBytes(MAX_ENTRY_BYTES)}。</li>
          <li>
            批量推送：每次 1 至 {LIMITS.batchItems.toLocaleString('zh-CN')} 条，请求体不超过{' '}
            {formatBytes(MAX_BATCH_BYTES)}。每条各自校验、各自保存或被拒绝，互不影响；响应按顺序列出每条的结果（
            <C>created</C>、<C>updated</C>、<C>unchanged</C> 或 <C>rejected</C> 及原因）。
          </li>
          <li>
            超过大小限制返回 413，请求体不是 JSON 返回 400，Content-Type 不是 application/json 返回
            415，均不作任何修改。
          </li>
          <li>
            <strong>幂等</strong>：推送以信息唯一标识（uid）为准，新建返回 201，更新返回 200。同样的内容重复推送返回
            200（<C>unchanged</C>），不作修改、不产生第二条记录，所以超时或网络中断后可以放心重发。
          </li>
          <li>
            <strong>版本</strong>：推送带上法院系统中该条信息的更新时间（<C>updatedAt</C>
            ），平台据此判断新旧，晚到的旧版本不会覆盖新版本。早于已保存版本的返回 409（<C>stale_version</C>
            ），可视为已经完成；更新时间相同而内容不同的返回 409（<C>version_conflict</C>
            ）；已保存的版本带有更新时间而推送未填写的返回 409（<C>version_required</C>
            ）。三者都不作任何修改；批量推送中的这类条目单独被拒绝，代码相同。
          </li>
          <li>
            撤销或屏蔽已撤销、已屏蔽的信息返回 409（<C>not_active</C>），可视为已经完成。
          </li>
          <li>校验不通过（422）时不作任何修改，响应一次列出全部问题。</li>
        </ul>
      </Section>

      <Section id="errors">
        <p className="mt-3">
          所有错误响应都是同一格式：<C>error.code</C> 供程序判断，<C>error.message</C> 是给人看的中文说明；422
          时（以及版本冲突的 409 时）<C>error.fields</C> 逐项列出问题，每项的 <C>field</C> 是字段路径（如{' '}
          <C>otherIds.0.number</C>），<C>code</C>{' '}
          是下表中固定的字段错误代码。错误消息从不回显提交的值，不会出现身份证号码。
        </p>
        <CodeBlock label="错误响应示例（HTTP 422）">{JSON.stringify(exampleError, null, 2)}</CodeBlock>
        <Table caption="错误代码（error.code）" head={['代码', 'HTTP 状态', '含义']} testId="api-error-table">
          {Object.entries(API_ERROR_CODES).map(([code, v]) => (
            <tr key={code}>
              <th scope="row" className={`${td} font-mono font-normal`}>
                {code}
              </th>
              <td className={td}>{v.status}</td>
              <td className={`${td} min-w-72`}>{v.description}</td>
            </tr>
          ))}
        </Table>
        <Table
          caption="字段错误代码（error.fields[].code）"
          head={['代码', '含义', '中文消息模板']}
          testId="field-error-table"
        >
          {FIELD_ERROR_CODES.map((code) => (
            <tr key={code}>
              <th scope="row" className={`${td} font-mono font-normal`}>
                {code}
              </th>
              <td className={`${td} min-w-64`}>{FIELD_ERROR_CODE_DESCRIPTIONS[code]}</td>
              <td className={`${td} min-w-56`}>{ERROR_CODES[code].template}</td>
            </tr>
          ))}
        </Table>
        <p className="mt-3 text-sm text-slate-700">
          消息模板中的 {'{label}'} 是字段在附件1中的名称，其余占位符是长度、允许的取值等。
        </p>
      </Section>

      <Section id="masking">
        <ul className="mt-3 list-disc space-y-2 pl-6">
          <li>
            公开查询接口只返回正在公示的信息。已撤销、已屏蔽、依法不宜公开、已过有效期或尚未到发布时间的信息不出现在查询结果中，按信息唯一标识查看时一律返回
            404，不说明原因。
          </li>
          <li>
            自然人的居民身份证号码隐去出生月日，如 <C>{maskedExample}</C>；15
            位旧号码同样隐去出生月日；其他证件号码只保留首尾各 2 位。
          </li>
          <li>法人及其他组织的统一社会信用代码、组织机构代码是公开信息，完整显示。</li>
          <li>不返回公开方式等内部字段。撤销、屏蔽公告中自然人的姓名只显示姓（如 张*）。</li>
          <li>
            查询内容至少 {MIN_QUERY_CHARS} 个字，每页 {PAGE_SIZE} 条，最多 {MAX_PAGE}{' '}
            页：本平台用于查询核实，不提供批量导出。
          </li>
          <li>
            所有响应都带 <C>Cache-Control: no-store</C>，任何缓存都不得保存；信息一经撤销，立即从所有接口消失。
          </li>
        </ul>
      </Section>

      <Section id="examples">
        <p className="mt-3">
          以下示例中的姓名、证件号码均为虚构；按本站公开信息的规则，示例中的身份证号码也隐去了出生月日，推送时须填写完整的
          18 位号码。<C>BASE</C> 为本平台的地址，<C>API_KEY</C> 为市信用办签发的密钥。
        </p>
        <h3 className="mt-6 font-semibold">推送一条自然人信息</h3>
        <p className="mt-1">
          把请求体保存为 <C>entry.json</C>：
        </p>
        <CodeBlock label="entry.json：自然人信息推送请求体">{JSON.stringify(EXAMPLE_PERSON, null, 2)}</CodeBlock>
        <CodeBlock label="用 curl 推送">
          {`curl -X PUT "$BASE/api/v1/court/entries/${exampleUid}" \\
  -H "Authorization: Bearer $API_KEY" \\
  -H "Content-Type: application/json" \\
  --data-binary @entry.json`}
        </CodeBlock>
        <p className="mt-3">首次推送返回 201：</p>
        <CodeBlock label="推送成功的响应">
          {JSON.stringify({ uid: exampleUid, outcome: 'created', changed: [] }, null, 2)}
        </CodeBlock>
        <h3 className="mt-6 font-semibold">撤销</h3>
        <CodeBlock label="用 curl 撤销">
          {`curl -X POST "$BASE/api/v1/court/entries/${exampleUid}/revoke" \\
  -H "Authorization: Bearer $API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"kind":"revoke","reason":"全部履行"}'`}
        </CodeBlock>
        <h3 className="mt-6 font-semibold">查询</h3>
        <CodeBlock label="用 curl 查询">
          {`curl "$BASE/api/v1/search?q=%E6%9D%8E%E6%9F%90%E6%9F%90&subjectType=person"`}
        </CodeBlock>
      </Section>

      <Section id="openapi">
        <p className="mt-3">
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            /api/v1/openapi.json
          </a>{' '}
          是 OpenAPI 3.1 格式的接口说明，可导入 Swagger UI、Postman、Apifox
          等工具，或用来生成客户端代码。其中请求体的结构由平台校验所用的同一套规则生成，字段的 <C>title</C>{' '}
          为附件1中的名称。按主体类型必填的字段以 <C>if</C>/<C>then</C> 条件表示。
        </p>
      </Section>
    </main>
  );
}
