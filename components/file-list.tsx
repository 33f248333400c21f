/** Uploaded files as links, each with its size (and type when asked): evidence, 补正 material. */
export function FileList({
  files,
  href,
  withType = false,
}: {
  files: { id: string; fileName: string; mediaType?: string; size: number }[];
  href: (id: string) => string;
  withType?: boolean;
}) {
  return (
    <ul className="mt-1 list-disc pl-6">
      {files.map((f) => (
        <li key={f.id}>
          <a href={href(f.id)} className="text-brand-700 underline">
            {f.fileName}
          </a>{' '}
          （{withType && f.mediaType ? `${f.mediaType}，` : ''}
          {fileSize(f.size)}）
        </li>
      ))}
    </ul>
  );
}

/** 12 KB: sizes as staff and applicants read them (whole kilobytes, rounded up). */
export function fileSize(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}
