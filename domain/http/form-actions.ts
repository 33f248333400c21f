/**
 * The two wrappers every form's Server Action is made with, so that each action states only
 * what is its own (capability or rate limit, schema, the step itself) and the order of the
 * checks is the same everywhere:
 *
 * - staffAction: the staff session and capability (401/403, or the pending step) → the form's
 *   text values → the schema → the confirmation of an irreversible step → the step → refusals
 *   translated → the page revalidated.
 * - publicAction: the form's values (cut for refilling) → the schema → the rate limit (only
 *   valid input counts against it) → the step → refusals translated.
 *
 * A domain refusal (AppError) is translated in one place, formRefusal; anything else thrown is
 * a fault and propagates (as do Next's redirect and forbidden signals).
 */
import 'server-only';
import { APIError } from 'better-auth/api';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { forbidden } from 'next/navigation';
import { ZodError, type z } from 'zod';
import { requireStaff, type Capability, type SignedInStaff } from '@/domain/auth/staff-session';
import { clientKey, consume, type Limit } from '@/domain/http/rate-limit';
import { AppError } from '@/lib/errors';
import {
  errorsFromZod,
  isConfirmed,
  NOT_CONFIRMED,
  textValues,
  type FormError,
  type FormState,
} from '@/lib/form-state';

/**
 * How a form shows a refusal, by its code: a message of its own (a string: for the whole form), or a field the
 * refusal's own message (or the one given) belongs to.
 */
export type RefusalMessages = Readonly<Partial<Record<string, string | { field?: string; message?: string }>>>;

const FALLBACK_REFUSAL = '操作未完成，请刷新页面查看当前状态后再试';

/** The one translation of a refusal into what a form shows; a fault (anything else) is rethrown. */
export function formRefusal(err: unknown, messages: RefusalMessages = {}): FormError[] {
  if (err instanceof ZodError) return errorsFromZod(err); // the domain parsed the form's input again
  if (err instanceof APIError) return [{ message: `操作未完成：${err.message}` }]; // better-auth's own refusal
  if (!(err instanceof AppError)) throw err;
  if (err.deniesAccess()) forbidden(); // the pages offer no form for it: only a crafted request gets here
  const shown = messages[err.code];
  if (typeof shown === 'string') return [{ message: shown }];
  const message = shown?.message ?? (err.message || FALLBACK_REFUSAL);
  return [shown?.field ? { field: shown.field, message } : { message }];
}

type Values = Record<string, string>;

type StaffRequest<I, S> = { staff: SignedInStaff; input: I; values: Values; formData: FormData; prev: S };

/** Never sent back to a form, whatever the form: `confirmed` (the dialog's answer) and any password. */
function refillValues(formData: FormData, omit: string[] = []): Values {
  const values = textValues(formData, ['confirmed', ...omit]);
  for (const field of Object.keys(values)) if (/password/i.test(field)) delete values[field];
  return values;
}

type StaffActionSpec<B extends unknown[], I, S extends FormState> = {
  /** null: any signed-in staff member. */
  capability: Capability | null;
  /** Only the own-account page's actions run while a step (password, TOTP) is pending. */
  pendingStep?: 'allow';
  /** Fields never sent back to refill the form (passwords and `confirmed` never are). */
  omit?: string[];
  /** What the schema parses (default: the form's text values). */
  input?: (values: Values, formData: FormData) => unknown;
  schema?: z.ZodType<I>;
  /** An irreversible step must come from its confirmation dialog (components/admin/confirm-submit.tsx). */
  confirm?: boolean | ((input: I) => boolean);
  /** Which fields the schema's errors belong to, when the form names them otherwise. */
  fieldOf?: (field: string | undefined, values: Values) => string | undefined;
  refusals?: RefusalMessages;
  /** The page that shows the result, revalidated after success. */
  revalidate?: string | ((...bound: B) => string);
  run: (request: StaffRequest<I, S>, ...bound: B) => Promise<S>;
};

/**
 * A staff form's action. `B`: the arguments the page binds (`action.bind(null, caseId)`), passed to `run` after the
 * request. `S`: what `run` answers (its return type); `prev` is the form's last answer (the initial state at first).
 */
export function staffAction<B extends unknown[], I = undefined, S extends FormState = FormState>(
  spec: StaffActionSpec<B, I, S>,
): (...args: [...B, prev: FormState, formData: FormData]) => Promise<S> {
  return async (...args) => {
    const formData = args[args.length - 1] as FormData;
    const prev = args[args.length - 2] as S;
    const bound = args.slice(0, -2) as B;
    const staff = await requireStaff(spec.capability, spec.pendingStep ? { pendingStep: 'allow' } : {});
    const values = refillValues(formData, spec.omit);
    let input = undefined as I;
    if (spec.schema) {
      const parsed = await spec.schema.safeParseAsync(spec.input ? spec.input(values, formData) : values);
      if (!parsed.success) {
        const errors = errorsFromZod(parsed.error);
        return {
          errors: spec.fieldOf ? errors.map((e) => ({ ...e, field: spec.fieldOf!(e.field, values) })) : errors,
          values,
        } as S;
      }
      input = parsed.data;
    }
    const confirm = typeof spec.confirm === 'function' ? spec.confirm(input) : spec.confirm;
    if (confirm && !isConfirmed(formData)) return { ...NOT_CONFIRMED, values } as S;
    let state: S;
    try {
      state = await spec.run({ staff, input, values, formData, prev }, ...bound);
    } catch (err) {
      return { errors: formRefusal(err, spec.refusals), values } as S;
    }
    if (state.errors?.length) return { values, ...state };
    if (spec.revalidate)
      revalidatePath(typeof spec.revalidate === 'string' ? spec.revalidate : spec.revalidate(...bound));
    return state;
  };
}

type PublicActionSpec<I, S extends FormState> = {
  /** What the form is refilled with on failure: text fields only, each cut to a length (never files or codes). */
  refill: Record<string, number>;
  input: (formData: FormData) => unknown;
  schema: z.ZodType<I>;
  /** Counted per client address after the input is valid; `tooOften` is the message when it is used up. */
  limit?: { bucket: Limit; tooOften: string };
  refusals?: RefusalMessages;
  run: (input: I, values: Values, formData: FormData) => Promise<S>;
};

/** A public form's action: no session, a rate limit per client address instead. */
export function publicAction<I, S extends FormState = FormState>(
  spec: PublicActionSpec<I, S>,
): (prev: FormState, formData: FormData) => Promise<S> {
  return async (_prev, formData) => {
    const values: Values = {};
    for (const [field, max] of Object.entries(spec.refill)) {
      values[field] = String(formData.get(field) ?? '').slice(0, max);
    }
    const parsed = await spec.schema.safeParseAsync(spec.input(formData));
    if (!parsed.success) return { errors: errorsFromZod(parsed.error), values } as S;
    if (spec.limit && !(await consume(spec.limit.bucket, clientKey(await headers())))) {
      return { errors: [{ message: spec.limit.tooOften }], values } as S;
    }
    let state: S;
    try {
      state = await spec.run(parsed.data, values, formData);
    } catch (err) {
      return { errors: formRefusal(err, spec.refusals), values } as S;
    }
    return state.errors?.length ? { values, ...state } : state;
  };
}
