'use server';

import { headers } from 'next/headers';
import { submitForm, type ApplyState } from '@/domain/applications/submit';

export async function submitObjection(_prev: ApplyState, formData: FormData) {
  return submitForm('objection', formData, await headers());
}

export async function submitCorrection(_prev: ApplyState, formData: FormData) {
  return submitForm('correction', formData, await headers());
}

export async function submitRepair(_prev: ApplyState, formData: FormData) {
  return submitForm('repair', formData, await headers());
}

export async function submitGuarantee(_prev: ApplyState, formData: FormData) {
  return submitForm('guarantee', formData, await headers());
}
