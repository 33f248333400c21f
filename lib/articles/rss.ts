/**
 * The articles' RSS 2.0 feed as text. Every value is escaped as XML character data, and characters XML 1.0 does not
 * allow (C0 controls but tab and newlines, U+FFFE, U+FFFF, lone surrogates) are dropped, so no text can end an
 * element or make the document ill-formed.
 */
const CONTROLS = '\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF';
const LONE_SURROGATE = '[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]';
const NOT_XML = new RegExp(`[${CONTROLS}]|${LONE_SURROGATE}`, 'g');

export function xmlText(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type FeedItem = { title: string; link: string; description: string; category: string; publishedAt: Date };

export function rssFeed(feed: { title: string; link: string; self: string; description: string; items: FeedItem[] }) {
  const el = (name: string, value: string) => `<${name}>${xmlText(value)}</${name}>`;
  const items = feed.items.map((i) =>
    [
      '<item>',
      el('title', i.title),
      el('link', i.link),
      `<guid isPermaLink="true">${xmlText(i.link)}</guid>`,
      el('description', i.description),
      el('category', i.category),
      el('pubDate', i.publishedAt.toUTCString()),
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    el('title', feed.title),
    el('link', feed.link),
    `<atom:link href="${xmlText(feed.self)}" rel="self" type="application/rss+xml"/>`,
    el('description', feed.description),
    el('language', 'zh-CN'),
    ...(feed.items[0] ? [el('lastBuildDate', feed.items[0].publishedAt.toUTCString())] : []),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
