import { REFUSAL_PAGE_CSP, REFUSALS, refusalPage } from '@/domain/http/refusals';
import { parseUiMode, sameSiteBackPath, UI_MODE_COOKIE, UI_MODE_MAX_AGE } from '@/lib/ui-mode';

/**
 * The header's 长辈版 / 标准版 link (a plain GET, so it works without JavaScript): remembers the mode in a cookie and
 * goes back to the page it was clicked on. A `back` that leaves the site is refused, and nothing is set.
 */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const mode = parseUiMode(params.get('to'));
  const back = sameSiteBackPath(params.get('back') ?? '/');
  if (!mode || !back) {
    const refusal = REFUSALS.badModeSwitch;
    return new Response(refusalPage(refusal), {
      status: refusal.status,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': REFUSAL_PAGE_CSP,
      },
    });
  }
  const secure = process.env.SITE_URL?.startsWith('https://') ? '; Secure' : '';
  return new Response(null, {
    // A relative Location: the browser resolves it against this site, whatever host the request came by.
    status: 303,
    headers: {
      Location: back,
      'Cache-Control': 'no-store',
      'Set-Cookie': `${UI_MODE_COOKIE}=${mode}; Path=/; Max-Age=${UI_MODE_MAX_AGE}; SameSite=Lax${secure}`,
    },
  });
}
