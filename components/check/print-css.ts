/** Hides the site's header, navigation and footer on paper (the check report, the applicant's receipt). */
export const PRINT_CSS =
  "@media print { [data-site='public'] > header, [data-site='public'] > footer { display: none !important }" +
  ' a { color: inherit; text-decoration: none } }';
