/**
 * How the actor of an event is shown to people. Events store a code (design rule 9: who);
 * this turns it into words, with the staff member's name and role/unit or the API key's
 * organisation looked up by db/staff-queries.ts actorDirectory().
 *
 * Codes the code writes: `staff:<email>` (lib/auth/staff-identity.ts), `staff:<email>:import`
 * (the import page), `apikey:<keyId>` (the court API), `system:validity` (the expiry sweep), `system:lifting-scope`
 * (migration 0017), `system:seed` and `system:seed-issuer` (the seed loaded as the first 政策文件),
 * `applicant`, `demo-seed`, `import:<file>` (the import CLI), `cli:admin-create` (the admin CLI).
 */
import { DEMO_REVIEWER, SEED_ACTOR, SEED_ISSUER } from '@/lib/articles/terms';
import { type StaffRole } from '@/lib/auth/staff-identity';
import { ROLE_LABELS } from '@/lib/labels';

export type StaffActor = { name: string; role: StaffRole; unit: string | null };
/** What actorLabel needs to know: staff by email, API keys' organisations by key id. */
export type ActorDirectory = { staff: Map<string, StaffActor>; keys: Map<string, string> };

export const EMPTY_DIRECTORY: ActorDirectory = { staff: new Map(), keys: new Map() };

/** The actor of an account the admin CLI (`npm run admin:create`) opens. */
export const CLI_ACTOR = 'cli:admin-create';

const FIXED: Record<string, string> = {
  [CLI_ACTOR]: '命令行（npm run admin:create）',
  'system:validity': '系统（有效期届满）',
  'system:lifting-scope': '系统（该单位未报送实施措施，无需确认）',
  applicant: '申请人',
  'demo-seed': '演示数据',
  [DEMO_REVIEWER]: '演示数据（审核）',
  [SEED_ACTOR]: '系统（载入昆办发〔2017〕135号原文）',
  [SEED_ISSUER]: '中共昆山市委办公室、昆山市人民政府办公室（印发）',
};

/** `staff:<email>` (optionally `:import`) → the email; `apikey:<id>` → the key id. */
export function parseActor(actor: string): { staffEmail?: string; keyId?: string } {
  const staff = /^staff:([^:]+)(?::import)?$/.exec(actor);
  if (staff) return { staffEmail: staff[1] };
  const key = /^apikey:(.+)$/.exec(actor);
  return key ? { keyId: key[1] } : {};
}

/**
 * The one way an actor is shown: words for system actors, names and units for people and keys; unknown codes as they
 * are.
 */
export function actorLabel(actor: string, directory: ActorDirectory): string {
  if (FIXED[actor]) return FIXED[actor];
  const { staffEmail, keyId } = parseActor(actor);
  const suffix = actor.endsWith(':import') ? '（文件导入）' : '';
  if (staffEmail) {
    const s = directory.staff.get(staffEmail);
    if (!s) return staffEmail + suffix;
    return `${s.name}（${[s.unit, ROLE_LABELS[s.role]].filter(Boolean).join('·')}）${suffix}`;
  }
  if (keyId) return `${directory.keys.get(keyId) ?? keyId}（接口）`;
  if (actor.startsWith('import:')) return `文件导入（${actor.slice('import:'.length)}）`;
  return actor;
}
