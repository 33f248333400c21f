/** The first thing a keyboard reaches on every page: straight to its main content. */
export function SkipLink() {
  return (
    <a
      href="#main"
      className={
        'sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 ' +
        'focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900'
      }
    >
      跳到主要内容
    </a>
  );
}
