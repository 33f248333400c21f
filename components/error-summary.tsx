/** GOV.UK-style summary at the top of a form: each message links to its field. */
export function ErrorSummary({ messages }: { messages: { field: string; message: string }[] }) {
  return (
    <div role="alert" aria-labelledby="error-summary-title" className="mb-4 rounded border-2 border-accent-600 bg-white p-4">
      <h2 id="error-summary-title" className="font-bold text-accent-600">
        请修改以下内容
      </h2>
      <ul className="mt-1 list-disc pl-6">
        {messages.map((m) => (
          <li key={m.field + m.message}>
            <a href={`#${m.field}`} className="text-accent-600 underline">
              {m.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
