'use client';

import { useSyncExternalStore } from 'react';

/** Nothing to subscribe to: the store only tells the server render (false) from the hydrated one (true). */
const noSubscription = () => () => {};

/** Whether JavaScript runs here: false on the server and in the first render of hydration, then true. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
