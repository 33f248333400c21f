'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { readAttachments } from '@/domain/applications/evidence';
import { auditStaff, type Staff } from '@/domain/auth/staff-session';
import { staffAction } from '@/domain/http/form-actions';
import {
  approveArticle,
  attachFiles,
  createArticle,
  detachFile,
  editArticle,
  returnArticle,
  submitArticle,
  withdrawArticle,
} from '@/domain/publishing/articles';
import { ARTICLE_LIMITS } from '@/lib/articles/terms';
import type { FormState } from '@/lib/form-state';
import { ARTICLE_EVENT_LABELS } from '@/lib/labels';
import { articleDraftSchema, articleNoteSchema } from '@/lib/validation/articles';
import type { ArticleDone } from './article-done';

/** How the forms show the domain's refusals: the domain's own Chinese message, on the field it concerns. */
const REFUSALS = { entry_not_public: { field: 'entryUid' } } as const;

/** Every step is an audit row too; then the article page re-renders with the step's message. */
async function done(staff: Staff, id: number, step: ArticleDone, detail: Record<string, unknown> = {}): Promise<never> {
  await auditStaff(staff, {
    action: 'article_step',
    objectType: 'article',
    objectId: String(id),
    detail: { step: ARTICLE_EVENT_LABELS[step], ...detail },
  });
  revalidatePath(`/admin/articles/${id}`);
  redirect(`/admin/articles/${id}?done=${step}`);
}

export const createArticleAction = staffAction({
  capability: 'writeArticles',
  schema: articleDraftSchema,
  refusals: REFUSALS,
  run: async ({ staff, input }): Promise<FormState> => {
    const article = await createArticle(staff, input);
    return done(staff, article.id, 'created', { title: article.title });
  },
});

export const editArticleAction = staffAction({
  capability: 'writeArticles',
  schema: articleDraftSchema,
  refusals: REFUSALS,
  run: async ({ staff, input }, id: number): Promise<FormState> => {
    await editArticle(staff, id, input);
    return done(staff, id, 'edited');
  },
});

export const attachFilesAction = staffAction({
  capability: 'writeArticles',
  run: async ({ staff, formData }, id: number): Promise<FormState> => {
    const read = await readAttachments(formData.getAll('files'), ARTICLE_LIMITS.files);
    if (!read.ok) return { errors: [{ field: 'files', message: read.message }] };
    await attachFiles(staff, id, read.files);
    return done(staff, id, 'attached', { files: read.files.map((f) => f.fileName) });
  },
});

export const detachFileAction = staffAction({
  capability: 'writeArticles',
  run: async ({ staff }, id: number, fileId: string): Promise<FormState> => {
    await detachFile(staff, id, fileId);
    return done(staff, id, 'detached');
  },
});

export const submitArticleAction = staffAction({
  capability: 'writeArticles',
  run: async ({ staff }, id: number): Promise<FormState> => {
    await submitArticle(staff, id);
    return done(staff, id, 'submitted');
  },
});

/** Publishing discloses at once, so it is confirmed in a dialog, like every step the public sees. */
export const approveArticleAction = staffAction({
  capability: 'reviewArticles',
  confirm: true,
  run: async ({ staff }, id: number): Promise<FormState> => {
    await approveArticle(staff, id);
    return done(staff, id, 'published');
  },
});

export const returnArticleAction = staffAction({
  capability: 'reviewArticles',
  schema: articleNoteSchema,
  run: async ({ staff, input }, id: number): Promise<FormState> => {
    await returnArticle(staff, id, input.note);
    return done(staff, id, 'returned', { note: input.note });
  },
});

/** Irreversible: a withdrawn article is never published again (a corrected text is a new article). */
export const withdrawArticleAction = staffAction({
  capability: 'reviewArticles',
  schema: articleNoteSchema,
  confirm: true,
  run: async ({ staff, input }, id: number): Promise<FormState> => {
    await withdrawArticle(staff, id, input.note);
    return done(staff, id, 'withdrawn', { note: input.note });
  },
});
