'use client';

import { useEffect, useRef } from 'react';

/**
 * GOV.UK-style summary at the top of a form. It takes focus when shown, so screen
 * readers announce it; each message links to its field when the field is on the page.
 */
export function ErrorSummary({ messages }: { messages: { field?: string; message: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      className="mb-4 rounded border-2 border-accent-600 bg-white p-4"
    >
      <h2 id="error-summary-title" className="font-bold text-accent-600">
        请修改以下内容
      </h2>
      <ul className="mt-1 list-disc pl-6">
        {messages.map((m) => (
          <li key={`${m.field}:${m.message}`}>
            {m.field ? (
              <a href={`#${m.field}`} className="text-accent-600 underline">
                {m.message}
              </a>
            ) : (
              <span className="text-accent-600">{m.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
