'use server';

import { APIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAuth } from '@/lib/auth/staff';
import { errorsFromZod, type FormState } from '@/lib/form-state';

const signInSchema = z.object({
  email: z.string().trim().min(1, '请填写电子邮箱').max(254, '电子邮箱过长'),
  password: z.string().min(1, '请填写密码').max(128, '密码过长'),
});

export async function signIn(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  const values = { email: String(formData.get('email') ?? '').slice(0, 254) };
  if (!parsed.success) return { errors: errorsFromZod(parsed.error), values };
  try {
    // The request headers give the client address the sign-in limits count by (lib/auth/staff.ts).
    await staffAuth().api.signInEmail({ body: { email: parsed.data.email.toLowerCase(), password: parsed.data.password }, headers: await headers() });
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    const blocked = err.body?.code === 'TOO_MANY_ATTEMPTS';
    const banned = err.statusCode === 403;
    // The same messages for an unknown email as for an account (wrong password, too many attempts): no account enumeration.
    const message = blocked ? err.message : banned ? '该账号已停用，请联系系统管理员' : '电子邮箱或密码不正确';
    return { errors: [{ field: blocked || banned ? undefined : 'password', message }], values };
  }
  redirect('/admin');
}

export async function signOut() {
  await staffAuth().api.signOut({ headers: await headers() });
  redirect('/admin/sign-in');
}
