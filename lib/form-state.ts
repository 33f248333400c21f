/** What a staff form's Server Action returns to the form (React's useActionState). */
import type { z } from 'zod';

/**
 * A message a form shows, tied to a field (its id) or to the form as a whole (not the API's FieldError, which carries a
 * code).
 */
export type FormError = { field?: string; message: string };

export type FormState = {
  ok?: boolean;
  /** A confirmation shown above the form after success. */
  message?: string;
  errors?: FormError[];
  /** What was typed, so a rejected form keeps it (never passwords). */
  values?: Record<string, string>;
};

export function errorsFromZod(error: z.ZodError): FormError[] {
  return error.issues.map((i) => ({ field: i.path.length ? String(i.path[0]) : undefined, message: i.message }));
}

export function fieldError(state: FormState | undefined, field: string): string | undefined {
  return state?.errors?.find((e) => e.field === field)?.message;
}

/** The form's text fields (files and passwords left out), to refill a rejected form. */
export function textValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries())
    if (typeof v === 'string' && !k.startsWith('$') && !omit.includes(k)) values[k] = v;
  return values;
}

/**
 * Whether an irreversible action's form was sent from its confirmation dialog (components/admin/confirm-submit.tsx).
 */
export function isConfirmed(formData: FormData): boolean {
  return formData.get('confirmed') === 'yes';
}

/** The answer to an irreversible action's form sent without its confirmation. */
export const NOT_CONFIRMED: FormState = { errors: [{ message: '请在确认对话框中核对并确认后再提交' }] };
