/**
 * The public forms' boundary (submitForm): the 承诺 is required, the one statement box has a limit, and a
 * refusal stores nothing; migration 0021 moves the old 事实 and 理由 into the statement.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { applications } from '@/db/schema';
import { saveEntry } from '@/domain/entries/entries';
import { submitForm } from '@/domain/applications/submit';
import { CLIENT_ADDRESS_HEADER } from '@/domain/http/client-address';
import { ACTOR, makePerson } from '@/db/tests/factory';
import { addDays, TIME_RULES, todayInChina } from '@/lib/clocks';
import { STATEMENT_MAX } from '@/lib/validation/application-terms';

let client = 0;
const headers = () => new Headers({ [CLIENT_ADDRESS_HEADER]: `10.8.7.${++client}` });

async function correctionForm() {
  const entry = makePerson();
  await saveEntry(entry, ACTOR);
  const form = new FormData();
  form.set('caseNo', entry.caseNo);
  form.set('name', entry.name);
  form.set('idLast4', entry.idNumber!.slice(-4));
  form.set('learnedOn', addDays(todayInChina(), -2));
  form.set('statement', '纳入前已和解并履行完毕。\n请求撤销纳入决定。');
  form.set('applicantName', '李申请');
  form.set('phone', '13800002222');
  form.set('email', '');
  form.set('website', '');
  form.set('submissionToken', randomUUID());
  form.set('declaration', 'yes');
  return { form, entry };
}

const storedFor = (entryUid: string) => getDb().select().from(applications).where(eq(applications.entryUid, entryUid));

describe('submitForm', () => {
  it('without the 承诺 ticked: a clear error on the field, the typed values kept, nothing stored', async () => {
    const { form, entry } = await correctionForm();
    form.delete('declaration');
    const state = await submitForm('correction', form, headers());
    expect(state.submitted).toBeUndefined();
    expect(state.errors).toEqual([{ field: 'declaration', message: '请阅读并勾选承诺：确认所填信息和所附材料真实' }]);
    expect(state.values).toMatchObject({ statement: '纳入前已和解并履行完毕。\n请求撤销纳入决定。' });
    // A client sending another value is refused the same way.
    form.set('declaration', 'no');
    expect((await submitForm('correction', form, headers())).errors?.[0]?.field).toBe('declaration');
    expect(await storedFor(entry.uid)).toEqual([]);
  });

  it('a statement over the limit is refused with its length; at the limit it is stored verbatim', async () => {
    const { form, entry } = await correctionForm();
    form.set('statement', '事'.repeat(STATEMENT_MAX + 1));
    const refused = await submitForm('correction', form, headers());
    expect(refused.errors).toEqual([{ field: 'statement', message: `发生了什么、为什么最长 ${STATEMENT_MAX} 个字` }]);
    expect(await storedFor(entry.uid)).toEqual([]);

    form.set('statement', '事'.repeat(STATEMENT_MAX));
    const stored = await submitForm('correction', form, headers());
    expect(stored.submitted).toMatchObject({
      receipt: {
        kind: 'correction',
        handlers: ['昆山市人民法院'],
        submittedOn: todayInChina(),
        dueOn: addDays(todayInChina(), TIME_RULES.courtReviewDays.days),
      },
    });
    const [row] = await storedFor(entry.uid);
    expect(row!.statement).toBe('事'.repeat(STATEMENT_MAX));
  });
});

describe('migration 0021', () => {
  it('keeps what was filed: facts, a blank line, reasons (a blank part leaves no stray lines)', async () => {
    const migration = readFileSync('db/migrations/0021_application_statement.sql', 'utf8');
    let moved: unknown;
    const run = getDb().transaction(async (tx) => {
      // A temporary table shadows the real one (pg_temp comes first in the search path), so the file's own
      // statements run against rows in the old shape; the transaction is then rolled back.
      await tx.execute(sql`CREATE TEMP TABLE applications (id int, facts text NOT NULL, reasons text NOT NULL)`);
      await tx.execute(
        sql`INSERT INTO applications VALUES (1, '已履行。', '请求撤销。'), (2, '只有事实', ''), (3, '', '')`,
      );
      for (const statement of migration.split('--> statement-breakpoint')) await tx.execute(sql.raw(statement));
      const rows = await tx.execute<{ id: number; statement: string }>(
        sql`SELECT id, statement FROM applications ORDER BY id`,
      );
      const columns = await tx.execute<{ column_name: string; is_nullable: string }>(
        sql`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'applications'
          AND table_schema LIKE 'pg_temp%' ORDER BY column_name`,
      );
      moved = { rows: [...rows], columns: [...columns] };
      tx.rollback();
    });
    await expect(run).rejects.toThrow(TransactionRollbackError);
    expect(moved).toEqual({
      rows: [
        { id: 1, statement: '已履行。\n\n请求撤销。' },
        { id: 2, statement: '只有事实' },
        { id: 3, statement: '' },
      ],
      columns: [
        { column_name: 'id', is_nullable: 'YES' },
        { column_name: 'statement', is_nullable: 'NO' },
      ],
    });
  });
});
