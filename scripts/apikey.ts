/**
 * API keys for machine clients:
 *   npm run apikey -- create --org 昆山市人民法院 --role court [--label 执行系统]
 *   npm run apikey -- create --org 市公安局 --role department --full-identifiers   (feed and check return full ID numbers)
 *   npm run apikey -- list
 *   npm run apikey -- revoke <id>
 * The key is printed once; only its hash is stored.
 */
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyRole } from '@/domain/auth/api-keys';
import { provideAppDatabase } from './lib/database';

const ROLES: ApiKeyRole[] = ['court', 'department', 'enterprise'];

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      role: { type: 'string' },
      label: { type: 'string' },
      'full-identifiers': { type: 'boolean', default: false },
    },
  });
  const [command, id] = positionals;
  const database = await provideAppDatabase();
  try {
    if (command === 'create') {
      const role = values.role as ApiKeyRole;
      if (!values.org?.trim() || !ROLES.includes(role))
        throw new Error(`usage: create --org <organisation> --role ${ROLES.join('|')} [--label <text>]`);
      if (values['full-identifiers'] && role !== 'department')
        throw new Error('--full-identifiers is for department keys only');
      const created = await createApiKey({
        organization: values.org.trim(),
        role,
        label: values.label,
        createdBy: `cli:${process.env.USER ?? 'unknown'}`,
        fullIdentifiers: values['full-identifiers'],
      });
      console.log(
        `Created ${created.id} for ${values.org} (${role}). The key is shown only now:\n\n  ${created.key}\n`,
      );
    } else if (command === 'list') {
      for (const k of await listApiKeys()) {
        console.log(
          `${k.id}  ${k.role.padEnd(10)} ${k.organization}  ${k.label ?? ''}  created ${k.createdAt.toISOString()}  ` +
            `last used ${k.lastUsedAt?.toISOString() ?? 'never'}` +
            (k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''),
        );
      }
    } else if (command === 'revoke' && id) {
      console.log((await revokeApiKey(id)) ? `Revoked ${id}.` : `No active key ${id}.`);
    } else {
      throw new Error('usage: apikey create --org … --role … | list | revoke <id>');
    }
  } finally {
    await closeDb();
    await database.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
