/**
 * The public site's two display modes: 标准版 and 长辈版 (适老化: larger text, higher contrast, larger targets,
 * a simpler home page). The reader's choice lives in one cookie, set by the /mode link (works without JavaScript).
 */
export const UI_MODES = ['standard', 'elder'] as const;
export type UiMode = (typeof UI_MODES)[number];

export const UI_MODE_COOKIE = 'ui_mode';
/** Remembered for a year. */
export const UI_MODE_MAX_AGE = 365 * 24 * 60 * 60;

export const UI_MODE_LABELS: Record<UiMode, string> = { standard: '标准版', elder: '长辈版' };

export function parseUiMode(value: string | null | undefined): UiMode | null {
  return UI_MODES.find((m) => m === value) ?? null;
}

const BACK_MAX_CHARS = 2048;

/**
 * `back` when it is a path on this site, else null: one leading "/" (not "//" or "/\", which browsers read as another
 * host), no backslash or control character anywhere, and resolving against any origin keeps that origin.
 */
export function sameSiteBackPath(back: string | null | undefined): string | null {
  if (!back || back.length > BACK_MAX_CHARS) return null;
  if (!back.startsWith('/') || back.startsWith('//')) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(back)) return null;
  const base = 'http://site.invalid';
  let url: URL;
  try {
    url = new URL(back, base);
  } catch {
    return null;
  }
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
}

/** The header link that switches to `to` and comes back to `back` (the current path and query). */
export function modeSwitchHref(to: UiMode, back: string): string {
  return `/mode?${new URLSearchParams({ to, back }).toString()}`;
}
