import { describe, expect, it } from 'vitest';
import { rssFeed, xmlText } from './rss';

describe('rssFeed', () => {
  it('escapes every value: markup, entities and quotes cannot leave their element', () => {
    const xml = rssFeed({
      title: '诚信昆山',
      link: 'http://127.0.0.1/',
      self: 'http://127.0.0.1/articles/feed.xml?a=1&b="2"',
      description: '说明',
      items: [
        {
          title: '</title><script>alert(1)</script>',
          link: 'http://127.0.0.1/articles/news/1',
          description: ']]> & <![CDATA[ x',
          category: '信用动态',
          publishedAt: new Date('2017-12-30T16:00:00Z'),
        },
      ],
    });
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(xml).toContain('<description>]]&gt; &amp; &lt;![CDATA[ x</description>');
    expect(xml).toContain('href="http://127.0.0.1/articles/feed.xml?a=1&amp;b=&quot;2&quot;"');
    expect(xml).toContain('<pubDate>Sat, 30 Dec 2017 16:00:00 GMT</pubDate>');
    // Well-formed: every opened element is closed, in order.
    const stack: string[] = [];
    for (const [, close, name, selfClosing] of xml.matchAll(/<(\/?)([a-zA-Z:]+)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (close) expect(stack.pop()).toBe(name);
      else stack.push(name!);
    }
    expect(stack).toEqual([]);
  });

  it('drops characters XML 1.0 forbids', () => {
    expect(xmlText('a\u0000b\u0008c\u000bd\uFFFEe\uD800f\tg\nh')).toBe('abcdef\tg\nh');
    expect(xmlText('😀')).toBe('😀');
  });
});
