'use client';

import { startTransition, useActionState, type FormEvent } from 'react';

/**
 * useActionState for a form with file inputs: submitting in a transition (instead of letting
 * React reset the form) keeps every field, files included, when the server refuses.
 */
export function useUploadAction<S>(action: (prev: Awaited<S>, formData: FormData) => Promise<S>, initial: Awaited<S>) {
  const [state, formAction, pending] = useActionState(action, initial);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
}
