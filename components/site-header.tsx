import { SITE } from '@/lib/site';
import type { UiMode } from '@/lib/ui-mode';
import { MainNav } from './main-nav';
import { ModeSwitch } from './mode-switch';
import { SkipLink } from './skip-link';

/** The platform's emblem: a shield with a tick (app/icon.svg is the same drawing). */
function Emblem() {
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" className="h-11 w-11 shrink-0 md:h-14 md:w-14">
      <path
        d="M32 6 L53 14 V31 C53 44 44 53 32 58 C20 53 11 44 11 31 V14 Z"
        fill="#083a6e"
        stroke="#ffffff"
        strokeWidth="4"
        strokeLinejoin="round"
      />
      <path
        d="M22 32 L30 40 L43 25"
        fill="none"
        stroke="#f2c94c"
        strokeWidth="5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The banner's drawing behind the names: the water town's waves and a stone bridge, faint, on the right. */
function BannerArt() {
  return (
    <svg
      viewBox="0 0 1200 160"
      preserveAspectRatio="xMaxYMid slice"
      aria-hidden="true"
      className="absolute inset-0 h-full w-full"
    >
      <defs>
        <linearGradient id="banner-sky" x1="0" x2="1" y1="0" y2="0">
          <stop offset="0" stopColor="#0b4a8b" />
          <stop offset="1" stopColor="#083a6e" />
        </linearGradient>
      </defs>
      <rect width="1200" height="160" fill="url(#banner-sky)" />
      <g fill="none" stroke="#ffffff" strokeOpacity="0.14" strokeWidth="3">
        <path d="M760 120 Q 860 40 960 120" />
        <path d="M740 120 H 980" />
        <path d="M990 120 Q 1060 70 1130 120" />
        <path d="M980 120 H 1200" />
      </g>
      <g fill="none" stroke="#ffffff" strokeOpacity="0.1" strokeWidth="2">
        <path d="M600 138 q 25 -10 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0" />
        <path d="M640 150 q 25 -10 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0 t 50 0" />
      </g>
    </svg>
  );
}

export function SiteHeader({ mode }: { mode: UiMode }) {
  return (
    <header className="bg-brand-700 text-white">
      <SkipLink />
      <div className="bg-brand-900 text-sm">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 px-4">
          <a href={SITE.cityGovernment.url} className="inline-flex min-h-8 items-center text-white elder:min-h-11">
            {SITE.cityGovernment.name}
          </a>
          <div className="flex items-center gap-x-4">
            <ModeSwitch
              mode={mode}
              className={
                'my-1 inline-flex min-h-8 items-center rounded border border-white/70 px-3 font-semibold text-white ' +
                'elder:min-h-11'
              }
            />
            <a href="/sitemap" className="inline-flex min-h-8 items-center text-white elder:min-h-11">
              网站地图
            </a>
          </div>
        </div>
      </div>
      <div className="relative border-b-4 border-accent-600">
        <BannerArt />
        <div className="relative mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 md:py-6">
          <Emblem />
          <a href="/" className="text-white no-underline">
            <span className="block text-2xl font-bold tracking-widest md:text-4xl">{SITE.platformName}</span>
            <span className="block text-sm text-brand-100 md:text-lg">
              {SITE.cityName} · {SITE.platformSubtitle}
            </span>
          </a>
        </div>
      </div>
      <MainNav />
    </header>
  );
}
