/**
 * What evidence the public forms accept, defined once: domain/applications/evidence.ts enforces it (by content),
 * the forms describe it (hints, the 准备材料 list, the file input's accept list).
 */
export const EVIDENCE_TYPES = [
  { mime: 'application/pdf', label: 'PDF', extensions: ['.pdf'] },
  { mime: 'image/jpeg', label: 'JPG', extensions: ['.jpg', '.jpeg'] },
  { mime: 'image/png', label: 'PNG', extensions: ['.png'] },
] as const;
export const EVIDENCE_MAX_FILES = 5;
export const EVIDENCE_MAX_FILE_BYTES = 10 * 1024 * 1024;

const labels = EVIDENCE_TYPES.map((t) => t.label);
/** PDF、JPG 或 PNG */
export const EVIDENCE_TYPES_TEXT = `${labels.slice(0, -1).join('、')} 或 ${labels.at(-1)}`;
export const EVIDENCE_SIZE_TEXT = `${EVIDENCE_MAX_FILE_BYTES / 1024 / 1024} MB`;
/** PDF、JPG 或 PNG，每个不超过 10 MB，最多 5 个 */
export const EVIDENCE_HINT = `${EVIDENCE_TYPES_TEXT}，每个不超过 ${EVIDENCE_SIZE_TEXT}，最多 ${EVIDENCE_MAX_FILES} 个`;
/** The file input's accept attribute: extensions and media types. */
export const EVIDENCE_ACCEPT = [
  ...EVIDENCE_TYPES.flatMap((t) => t.extensions),
  ...EVIDENCE_TYPES.map((t) => t.mime),
].join(',');
