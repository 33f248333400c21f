import 'server-only';
import { z } from 'zod';
import type { Entry } from '@/db/schema';
import { GENDERS, SEVERITIES, SUBJECT_TYPES } from '@/lib/entry-input';
import { isPersonIdShaped, scrubDeep } from '@/lib/disclosure';
import { normalizeIdentifierInput } from '@/lib/identifiers';
import { maskIdNumber, maskIdentifierForPublic } from '@/lib/mask';
import { FIELD_DOCS, type EntryPushField } from '@/lib/entry-fields';

const text = z.string();
const labelled = <T extends z.ZodType>(field: EntryPushField, schema: T, description?: string): T =>
  schema.meta({ title: FIELD_DOCS[field].label, ...(description ? { description } : {}) });
const instant = (description?: string) => z.iso.datetime({ offset: true }).meta({ description });

/**
 * What the public may see of an entry — the only shape pages and the public API render, and
 * the OpenAPI document's PublicEntry (z.toJSONSchema). Natural persons' identifiers are masked
 * here (design rule 5); organisation codes stay whole; every text passes scrubText
 * (lib/disclosure.ts), so an ID number typed into a duty or a note is masked too.
 */
export const publicEntrySchema = z
  .strictObject({
    uid: labelled('uid', text),
    caseNo: labelled('caseNo', text),
    subjectType: labelled('subjectType', z.enum(SUBJECT_TYPES)),
    name: labelled('name', text),
    gender: labelled('gender', z.enum(GENDERS).nullable(), '自然人的性别；法人及其他组织为 null。'),
    age: labelled('age', z.int().nullable(), '发布时的年龄（法院填写时）；否则为 null。'),
    idNumber: labelled(
      'idNumber',
      text.nullable(),
      '自然人：居民身份证号码隐去出生月日（如 3205831980****0001），其他形式的号码只留首尾各 2 位；' +
        '法人及其他组织：统一社会信用代码或组织机构代码，完整显示。',
    ),
    otherIds: labelled(
      'otherIds',
      z.array(z.strictObject({ type: text, number: text })),
      '其他证件。自然人的证件号码同样打码。',
    ),
    legalRepresentative: labelled('legalRepresentative', text.nullable()),
    court: labelled('court', text),
    regionId: labelled('regionId', text.nullable()),
    regionName: labelled('regionName', text),
    basisDocNo: labelled('basisDocNo', text),
    basisIssuer: labelled('basisIssuer', text),
    duty: labelled('duty', text),
    performance: labelled('performance', text),
    circumstances: labelled('circumstances', z.array(text)),
    publishedAt: labelled('publishedAt', instant('UTC 时间（ISO 8601）。')),
    filedAt: labelled('filedAt', z.iso.date()),
    performedPart: labelled('performedPart', text.nullable()),
    unperformedPart: labelled('unperformedPart', text.nullable()),
    revokedAt: labelled('revokedAt', instant().nullable(), '公开的信息此项总为 null：撤销后即不再公开。'),
    severity: labelled('severity', z.enum(SEVERITIES), 'general：一般失信；serious：严重失信。'),
    validUntil: labelled('validUntil', instant().nullable(), '有效期截止时间（UTC）；null 表示直至撤销。'),
    demo: z.boolean().meta({ title: '演示数据', description: 'true 表示程序生成的虚构演示数据。' }),
  })
  .meta({
    title: '公示的失信被执行人信息',
    description:
      '公开接口返回的一条信息。只返回正在公示的信息：已撤销、已屏蔽、依法不宜公开、已过有效期或尚未到发布时间的一律不返回。' +
      '自然人的证件号码打码，法人及其他组织的代码完整显示；不返回公开方式等内部字段。',
  });

export type PublicEntry = z.output<typeof publicEntrySchema>;

/** An organisation's other documents are public, except an ID number among them (its legal representative's). */
function otherIdForPublic(subjectType: Entry['subjectType'], n: string): string {
  return subjectType === 'person' || isPersonIdShaped(normalizeIdentifierInput(n)) ? maskIdNumber(n) : n;
}

export function toPublicEntry(e: Entry): PublicEntry {
  const { idNumber, ...rest } = scrubDeep(entryViewUnscrubbed(e));
  // An organisation's own code is public whole, even the rare all-digit one scrubText would mask.
  return { ...rest, idNumber: e.subjectType === 'organization' ? e.idNumber?.trim() || null : idNumber };
}

const PUBLIC_FIELDS = Object.keys(publicEntrySchema.shape) as (keyof PublicEntry)[];

/** The public shape before scrubText: only for keys granted full identifiers (domain/sharing/shared-entry.ts). */
export function entryViewUnscrubbed(e: Entry): PublicEntry {
  // The schema's fields as stored, instants as ISO strings; then the identifiers masked.
  const view = Object.fromEntries(
    PUBLIC_FIELDS.map((k) => {
      const v = e[k];
      return [k, v instanceof Date ? v.toISOString() : v];
    }),
  ) as PublicEntry;
  return {
    ...view,
    idNumber: maskIdentifierForPublic(e.subjectType, e.idNumber),
    otherIds: e.otherIds.map((o) => ({ type: o.type, number: otherIdForPublic(e.subjectType, o.number) })),
  };
}
