import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { FormState } from '@/lib/form-state';

// The Next request context does not exist in a unit test: the session and the cache are its edges (the browser suite
// runs the real actions: e2e/authorization.spec.ts, e2e/cases.spec.ts …).
const requireStaff = vi.fn();
const revalidatePath = vi.fn();
vi.mock('@/domain/auth/staff-session', () => ({ requireStaff: (...a: unknown[]) => requireStaff(...a) }));
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => revalidatePath(p) }));

const { formRefusal, staffAction } = await import('@/domain/http/form-actions');
const { OutsideCourtError } = await import('@/domain/entries/entries');
const { RemovalRequestError } = await import('@/domain/entries/removal-requests');

class TestRefusal extends AppError {
  constructor(
    readonly code: string,
    message = '',
  ) {
    super(message);
  }
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('formRefusal', () => {
  it('shows a refusal by its own message, by the form’s message, or at a field', () => {
    expect(formRefusal(new TestRefusal('x', '自己的说明'))).toEqual([{ message: '自己的说明' }]);
    expect(formRefusal(new TestRefusal('x', 'own'), { x: '表单的说明' })).toEqual([{ message: '表单的说明' }]);
    expect(formRefusal(new TestRefusal('x', '自己的说明'), { x: { field: 'on' } })).toEqual([
      { field: 'on', message: '自己的说明' },
    ]);
    expect(formRefusal(new TestRefusal('x'))[0]!.message).toMatch(/操作未完成/);
  });

  it('answers another court’s entry or a non-reviewer with 403, and rethrows a fault', () => {
    for (const refusal of [new OutsideCourtError('昆山市人民法院'), new RemovalRequestError('not_reviewer', 'x')]) {
      // Outside a Next server (authInterrupts off) forbidden() says its own name instead of throwing the 403 signal.
      expect(() => formRefusal(refusal)).toThrow(/forbidden\(\)/);
    }
    expect(formRefusal(new RemovalRequestError('own_request', '不能审核自己提交的申请'))).toEqual([
      { message: '不能审核自己提交的申请' },
    ]);
    const fault = new Error('connection refused');
    expect(() => formRefusal(fault)).toThrow(fault);
  });

  it('turns a ZodError the domain raised into field errors', () => {
    const parsed = z.object({ day: z.string('请填写日期') }).safeParse({});
    expect(formRefusal(parsed.error)).toEqual([{ field: 'day', message: '请填写日期' }]);
  });
});

describe('staffAction', () => {
  const staff = { id: 'u1', role: 'credit_office' };
  beforeEach(() => {
    requireStaff.mockReset().mockResolvedValue(staff);
    revalidatePath.mockReset();
  });

  const run = vi.fn(async ({ input }: { input: { note: string } }, id: number) => ({
    ok: true,
    message: `${id}:${input.note}`,
  }));
  const action = staffAction({
    capability: 'removeEntries',
    schema: z.object({ note: z.string().trim().min(1, '请填写说明') }),
    confirm: true,
    refusals: { taken: { field: 'note', message: '已有人处理' } },
    revalidate: (id: number) => `/admin/things/${id}`,
    run,
  });

  it('checks the capability first, then the schema, then the confirmation, then runs and revalidates', async () => {
    run.mockClear();
    const invalid = await action(7, {}, form({ note: ' ', password: 'secret', confirmed: 'yes' }));
    expect(requireStaff).toHaveBeenCalledWith('removeEntries', {});
    expect(invalid).toEqual({ errors: [{ field: 'note', message: '请填写说明' }], values: { note: ' ' } });

    const unconfirmed: FormState = await action(7, {}, form({ note: '好' }));
    expect(unconfirmed.errors?.[0]?.message).toMatch(/确认/);
    expect(run).not.toHaveBeenCalled();

    expect(await action(7, {}, form({ note: '好', confirmed: 'yes' }))).toEqual({ ok: true, message: '7:好' });
    expect(revalidatePath).toHaveBeenCalledWith('/admin/things/7');
  });

  it('stops at the session check: nothing is parsed or run', async () => {
    run.mockClear();
    requireStaff.mockRejectedValue(new Error('NEXT_HTTP_ERROR_FALLBACK;401'));
    await expect(action(7, {}, form({ note: '好', confirmed: 'yes' }))).rejects.toThrow(/401/);
    expect(run).not.toHaveBeenCalled();
  });

  it('translates a refusal, keeps what was typed and does not revalidate', async () => {
    run.mockRejectedValueOnce(new TestRefusal('taken'));
    expect(await action(7, {}, form({ note: '好', confirmed: 'yes' }))).toEqual({
      errors: [{ field: 'note', message: '已有人处理' }],
      values: { note: '好' },
    });
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});
