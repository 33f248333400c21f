/**
 * `npm run admin:create -- --email it@ks.gov.cn --name 张三`: creates the first administrator
 * (administrators then create every other account at /admin/users). The password is read
 * from ADMIN_PASSWORD or asked for without echo. The person running it chooses their own
 * password, so it is not flagged for a forced change; at the first sign-in the administrator is
 * sent to enrol a TOTP authenticator (required for administrators) before anything else.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeDb } from '@/db/client';
import { createStaffUser, StaffUserError } from '@/domain/auth/staff-users';
import { CLI_ACTOR } from '@/lib/actors';
import { provideAppDatabase } from './lib/database';

function askHidden(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  output._writeToOutput = (s: string) => {
    if (s.startsWith(prompt)) process.stdout.write(prompt);
  };
  return new Promise((resolve) =>
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name) throw new Error('usage: npm run admin:create -- --email <email> --name <姓名>');
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    if (!process.stdin.isTTY) throw new Error('set ADMIN_PASSWORD or run in a terminal to be asked for the password');
    password = await askHidden('Password (at least 12 characters): ');
    if ((await askHidden('Repeat the password: ')) !== password) throw new Error('the passwords differ');
  }
  const database = await provideAppDatabase();
  try {
    const user = await createStaffUser({ email: values.email, name: values.name, password, role: 'admin' }, undefined, {
      actor: CLI_ACTOR,
      mustChangePassword: false,
    });
    console.log(
      `Created administrator ${user.email}. Sign in at /admin/sign-in, then enrol an authenticator app (TOTP) at ` +
        `/admin/account.`,
    );
  } finally {
    await closeDb();
    await database.stop();
  }
}

main().catch((err) => {
  if (err instanceof z.ZodError) console.error(err.issues.map((i) => i.message).join('\n'));
  else console.error(err instanceof StaffUserError || err instanceof Error ? err.message : err);
  process.exit(1);
});
