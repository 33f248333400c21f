/**
 * What `server-only` resolves to outside Next (tsx scripts, vitest, Playwright's test files;
 * tsconfig.node.json): nothing. Inside Next the marker is Next's own: empty on the server, a
 * build error in a client bundle.
 */
export {};
