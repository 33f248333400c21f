/** A court filter: every court offered, or all of them (the empty value). */
export function CourtSelect({
  id,
  value,
  courts,
  className,
  allLabel = '全部',
}: {
  id: string;
  value: string | undefined;
  courts: string[];
  className: string;
  allLabel?: string;
}) {
  return (
    <select id={id} name="court" defaultValue={value ?? ''} className={className}>
      <option value="">{allLabel}</option>
      {courts.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}
