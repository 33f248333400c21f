import { z } from 'zod';
import { MAX_QUERY_CHARS, QUERY_MESSAGES } from './limits';
import { calendarDay } from '@/lib/validation/calendar-day';
import { SUBJECT_TYPES, type SubjectType } from '@/lib/entry-input';

/** What a search asks for: the same for every engine (adapters/search/types.ts). */
export type SearchFilters = {
  subjectType?: SubjectType;
  court?: string;
  publishedFrom?: string; // YYYY-MM-DD, inclusive
  publishedTo?: string; // YYYY-MM-DD, inclusive
};

export type SearchQuery = SearchFilters & {
  q: string;
  page: number; // 1-based
  pageSize: number;
};

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Search parameters as the page (`/search?…`) and the API (`/api/v1/search?…`) accept them. */
export const searchParamsSchema = z
  .object({
    q: z.string().max(MAX_QUERY_CHARS, { message: QUERY_MESSAGES.too_long }).default(''),
    subjectType: z.preprocess(
      emptyToUndefined,
      z.enum(SUBJECT_TYPES, { message: '主体类型应为 person 或 organization' }).optional(),
    ),
    court: z.preprocess(emptyToUndefined, z.string().max(100, { message: '法院名称过长' }).optional()),
    publishedFrom: z.preprocess(emptyToUndefined, calendarDay('发布日期自').optional()),
    publishedTo: z.preprocess(emptyToUndefined, calendarDay('发布日期至').optional()),
    page: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: '页码应为数字' })
        .int({ message: '页码应为整数' })
        .min(1, { message: '页码应从 1 开始' })
        .default(1),
    ),
  })
  .refine((p) => !p.publishedFrom || !p.publishedTo || p.publishedFrom <= p.publishedTo, {
    message: '开始日期不能晚于结束日期',
    path: ['publishedTo'],
  });

export type SearchParams = z.infer<typeof searchParamsSchema>;

/** Reads the first value of each known key; unknown keys are ignored (links may carry tracking). */
export function parseSearchParams(input: Record<string, string | string[] | undefined>) {
  const first = (k: string) => {
    const v = input[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return searchParamsSchema.safeParse({
    q: first('q'),
    subjectType: first('subjectType'),
    court: first('court'),
    publishedFrom: first('publishedFrom'),
    publishedTo: first('publishedTo'),
    page: first('page'),
  });
}

export function filtersOf(p: SearchParams): SearchFilters {
  return { subjectType: p.subjectType, court: p.court, publishedFrom: p.publishedFrom, publishedTo: p.publishedTo };
}
