import { describe, expect, it } from 'vitest';
import { articleExcerpt, isSafeLink, renderArticleBody } from './markdown';

/** No element or attribute that runs script survives, whatever the input. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<svg|<style|<form|<input/i);
  expect(html).not.toMatch(/<[^>]+\son\w+\s*=/i); // event attributes inside a tag
  expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|vbscript|data|file):/i);
}

describe('renderArticleBody', () => {
  it('renders the Markdown subset: headings (from h2), emphasis, lists, tables, safe links', () => {
    const html = renderArticleBody(
      '# 一、总体要求\n\n**加粗** 与 *强调*\n\n- 甲\n- 乙\n\n| 列 | 值 |\n| --- | --- |\n| a | b |\n\n' +
        '[市政府](https://www.ks.gov.cn/) [措施](/measures) [邮件](mailto:xyb@ks.gov.cn)',
    );
    expect(html).toContain('<h2>一、总体要求</h2>');
    expect(html).toContain('<strong>加粗</strong>');
    expect(html).toContain('<li>甲</li>');
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="https://www.ks.gov.cn/" rel="noopener noreferrer">市政府</a>');
    expect(html).toContain('<a href="/measures">措施</a>');
    expect(html).toContain('<a href="mailto:xyb@ks.gov.cn" rel="noopener noreferrer">邮件</a>');
  });

  it('shows raw HTML as text: <script>, event attributes, iframes, styles', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
      '<iframe src="https://evil.example/"></iframe>',
      '<svg onload=alert(1)></svg>',
      '<style>body{display:none}</style>',
      '<div onmouseover="alert(1)">悬停</div>',
      'text <b onclick=alert(1)>inline</b> html',
    ];
    for (const attack of attacks) {
      const html = renderArticleBody(attack);
      expectInert(html);
      expect(html).toContain('&lt;'); // shown, escaped
    }
    expect(renderArticleBody('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it('drops links to javascript:, vbscript:, data: and file: however they are spelt', () => {
    const hrefs = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '&#106;avascript:alert(1)',
      'javascript&colon;alert(1)',
      ' javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'file:///etc/passwd',
      'ftp://files.example/',
      '<javascript:alert(1)>',
    ];
    for (const href of hrefs) {
      const html = renderArticleBody(`[点击](${href})`);
      expectInert(html);
      expect(html, href).not.toMatch(/<a /);
    }
    expect(renderArticleBody('<javascript:alert(1)>')).not.toMatch(/<a /); // autolink
  });

  it('shows no remote image, and an attachment image only of the article itself', () => {
    const remote = renderArticleBody('![跟踪](https://tracker.example/p.png)');
    expect(remote).not.toContain('<img');
    expect(remote).toContain('跟踪');
    const other = renderArticleBody('![别人的](/articles/files/other-file)', ['own-file']);
    expect(other).not.toContain('<img');
    const own = renderArticleBody('![现场照片](/articles/files/own-file)', ['own-file']);
    expect(own).toContain('<img src="/articles/files/own-file" alt="现场照片" loading="lazy">');
    const dataImage = renderArticleBody('![x](data:image/png;base64,iVBORw0KGgo=)', ['own-file']);
    expect(dataImage).not.toContain('<img');
    // Alt text is text: markup inside it is escaped.
    expect(renderArticleBody('![<b onclick=x>](https://x.example/a.png)')).not.toMatch(/<b /);
  });

  it('masks an ID number typed into the text (scrubText), in words and in link text alike', () => {
    const html = renderArticleBody('被执行人身份证号320583198001011234，见[320583198001011234](/search)');
    expect(html).not.toContain('320583198001011234');
    expect(html).toContain('3205831980****1234');
  });
});

describe('isSafeLink', () => {
  it('allows http, https, mailto and relative addresses only', () => {
    for (const ok of ['https://a.example/', 'http://a.example/', 'mailto:a@b.cn', '/measures', '#附件', 'x?a=b:c'])
      expect(isSafeLink(ok), ok).toBe(true);
    for (const bad of ['javascript:x', '\u0001javascript:x', 'tel:123', 'data:x', 'blob:x'])
      expect(isSafeLink(bad), bad).toBe(false);
  });
});

describe('articleExcerpt', () => {
  it('the words without markup, scrubbed and cut', () => {
    expect(articleExcerpt('# 标题\n\n**正文**第一段，<b>粗</b>。')).toBe('标题 正文第一段，<b>粗</b>。');
    expect(articleExcerpt('身份证号320583198001011234')).toBe('身份证号3205831980****1234');
    expect(articleExcerpt('字'.repeat(200), 10)).toBe(`${'字'.repeat(10)}…`);
  });
});
