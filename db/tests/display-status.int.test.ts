/**
 * The status staff read (issue 11 part 2): every combination of removal, disclosure and
 * timing gets its word from db/visibility.ts displayStatus(), which says 公示中 exactly when
 * isPublic() holds; and the entry page's history names its actors.
 */
import { randomUUID } from 'node:crypto';
import { inArray, and } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { revokeEntry, saveEntry, shieldEntry } from '@/domain/entries/entries';
import { apiKeys, departments, entries, staffUsers } from '@/db/schema';
import { findEntriesForStaff, getEntryForStaff } from '@/db/staff-queries';
import { isPublic } from '@/db/visibility';
import { actorLabel } from '@/lib/actors';
import { DISPLAY_STATUS_LABELS } from '@/lib/labels';
import type { DisplayStatus } from '@/lib/entry-input';
import type { EntryInput } from '@/lib/validation/entry-push';
import { ACTOR, DAY, freshToken, makePerson } from './factory';

const REMOVALS = ['none', 'revoked', 'shielded'] as const;
const DISCLOSURES = ['public', 'restricted'] as const;
const TIMINGS = ['current', 'future', 'expired'] as const;

function expected(
  removal: (typeof REMOVALS)[number],
  disclosure: (typeof DISCLOSURES)[number],
  timing: (typeof TIMINGS)[number],
): DisplayStatus {
  if (removal !== 'none') return removal;
  if (timing !== 'current') return timing;
  return disclosure === 'restricted' ? 'restricted' : 'public';
}

describe('display status for staff', () => {
  let token: string;
  const made: { input: EntryInput; want: DisplayStatus }[] = [];

  beforeAll(async () => {
    token = await freshToken(3);
    const now = Date.now();
    const timing = {
      current: { publishedAt: new Date(now - 10 * DAY), validUntil: new Date(now + 400 * DAY) },
      future: { publishedAt: new Date(now + DAY), validUntil: new Date(now + 400 * DAY) },
      expired: { publishedAt: new Date(now - 400 * DAY), validUntil: new Date(now - 1000) },
    };
    for (const removal of REMOVALS)
      for (const disclosure of DISCLOSURES)
        for (const t of TIMINGS) {
          const input = makePerson({ name: `${token}${removal}${disclosure}${t}`, disclosure, ...timing[t] });
          await saveEntry(input, ACTOR);
          if (removal === 'revoked') await revokeEntry(input.uid, { reason: '全部履行', actor: ACTOR });
          if (removal === 'shielded') await shieldEntry(input.uid, { reason: '纳入错误', actor: ACTOR });
          made.push({ input, want: expected(removal, disclosure, t) });
        }
  });

  it('staff search gives each combination its status word', async () => {
    const rows = await findEntriesForStaff(token);
    expect(rows).toHaveLength(made.length);
    for (const { input, want } of made) {
      const row = rows.find((r) => r.uid === input.uid)!;
      expect(row.displayStatus, input.name).toBe(want);
      expect(row.validUntil?.getTime()).toBe(input.validUntil!.getTime());
    }
    // All six words occur, and an expired entry never reads 公示中.
    expect(new Set(rows.map((r) => DISPLAY_STATUS_LABELS[r.displayStatus]))).toEqual(
      new Set(['公示中', '待公示', '已过有效期（不再公示）', '已撤销', '已屏蔽', '不宜公开']),
    );
  });

  it('says 公示中 exactly for the entries isPublic() lets through', async () => {
    const uids = made.map((m) => m.input.uid);
    const visible = await getDb()
      .select({ uid: entries.uid })
      .from(entries)
      .where(and(inArray(entries.uid, uids), isPublic()));
    const visibleUids = new Set(visible.map((v) => v.uid));
    for (const { input, want } of made) expect(visibleUids.has(input.uid), input.name).toBe(want === 'public');
  });

  it('the staff entry page reads the same status', async () => {
    for (const { input, want } of made)
      expect((await getEntryForStaff(input.uid))!.displayStatus, input.name).toBe(want);
  });
});

describe('history actors on the staff entry page', () => {
  it(
    'names the staff member with role and unit, the API key by its organisation, and the system in' + ' words',
    async () => {
      const [unit] = await getDb().select().from(departments).limit(1);
      const email = `officer.${randomUUID().slice(0, 8)}@ks.example.cn`;
      await getDb()
        .insert(staffUsers)
        .values({ id: randomUUID(), name: '王小明', email, role: 'department_officer', departmentCode: unit!.code });
      const keyId = `k_${randomUUID().slice(0, 12)}`;
      await getDb()
        .insert(apiKeys)
        .values({ id: keyId, secretHash: 'x', organization: '昆山市人民法院', role: 'court', createdBy: ACTOR });

      const input = makePerson();
      await saveEntry(input, `apikey:${keyId}`);
      await revokeEntry(input.uid, { reason: '全部履行', actor: `staff:${email}` });
      const found = (await getEntryForStaff(input.uid))!;
      expect(found.history.map((h) => actorLabel(h.actor, found.actors))).toEqual([
        '昆山市人民法院（接口）',
        `王小明（${unit!.name}·联动单位经办人）`,
      ]);
    },
  );
});
