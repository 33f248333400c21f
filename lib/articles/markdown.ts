/**
 * Articles are written in Markdown and rendered here, on the server, into HTML that is safe to
 * insert: markdown-it with raw HTML off (a tag is shown as text, so no <script>, no event
 * attribute), links only to http, https, mailto or this site, and images only from the
 * article's own attachments (no remote image: it would tell a third party who reads what).
 * The text passes scrubText first, so an ID number typed into an article is masked.
 */
import MarkdownIt from 'markdown-it';
import { scrubText } from '@/lib/disclosure';

/** A URL's scheme, if it has one (leading spaces and controls ignored, as browsers ignore them). */
const SCHEME = /^[\u0000-\u0020]*([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const ATTACHMENT_SRC = /^\/articles\/files\/([A-Za-z0-9_-]{1,64})$/;

/** http, https, mailto, or a relative address on this site. */
export function isSafeLink(url: string): boolean {
  const scheme = SCHEME.exec(url);
  return !scheme || SAFE_SCHEMES.has(scheme[1]!.toLowerCase());
}

type Env = { images: ReadonlySet<string> };

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
md.validateLink = isSafeLink;

// The page's h1 is the title: the body's headings start at h2.
md.core.ruler.push('demote_headings', (state) => {
  for (const t of state.tokens) {
    if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Math.min(6, Number(t.tag[1]) + 1)}`;
  }
});

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const images = (env as Env | undefined)?.images ?? new Set<string>();
  const id = ATTACHMENT_SRC.exec(String(token.attrGet('src') ?? ''))?.[1];
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  if (!id || !images.has(id)) return md.utils.escapeHtml(alt); // anything else: its words only
  token.attrSet('alt', alt);
  token.attrSet('loading', 'lazy');
  return self.renderToken(tokens, idx, options);
};

// A link to another site does not tell it which page sent the reader.
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  if (SCHEME.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

/** The body as HTML; `attachmentIds`: the article's own attachments, the only images shown. */
export function renderArticleBody(body: string, attachmentIds: Iterable<string> = []): string {
  return md.render(scrubText(body), { images: new Set(attachmentIds) } satisfies Env);
}

/** The body's words without markup (scrubbed), cut to `max` characters: for list excerpts and the feed. */
export function articleExcerpt(body: string, max = 120): string {
  const words: string[] = [];
  for (const block of md.parse(scrubText(body), { images: new Set() })) {
    for (const t of block.children ?? []) if (t.type === 'text' || t.type === 'code_inline') words.push(t.content);
    if (block.type === 'paragraph_close' || block.type === 'heading_close') words.push(' ');
  }
  const text = words.join('').replace(/\s+/g, ' ').trim();
  return [...text].length > max ? `${[...text].slice(0, max).join('')}…` : text;
}
