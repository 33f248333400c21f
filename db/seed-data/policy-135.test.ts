import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '@/lib/articles/markdown';

const read = (file: string): string => readFileSync(new URL(file, import.meta.url), 'utf8');
/** The opinion's text up to its attachments, copied verbatim from the source document (昆办发〔2017〕135号). */
const source = read('./source-opinion.txt');
const markdown = read('./policy-135.md');

/** The words alone: Markdown's headings, emphasis, escapes and link targets removed, and every space. */
function words(text: string): string {
  return text
    .replace(/^#+ /gm, '')
    .replace(/\*\*/g, '')
    .replace(/\\\./g, '.')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, '');
}

describe('the seed as the first 政策文件', () => {
  it('is the source text, word for word', () => {
    expect(words(markdown)).toBe(words(source));
  });

  it('renders with its four parts as headings and its attachments linked to the pages that carry them', () => {
    const html = renderArticleBody(markdown);
    for (const part of ['一、总体要求', '二、建立失信被执行人信息公开与共享机制', '三、加强对失信被执行人联合惩戒', '四、加大工作推进力度'])
      expect(html).toContain(`<h2>${part}</h2>`);
    expect(html).toContain('<a href="/measures">对失信被执行人实施联合惩戒措施表</a>');
    expect(html).toContain('<a href="/departments">联合惩戒成员单位名单</a>');
    expect(html).toContain('市信用办、市法院要适时编制联合惩戒动态、发布通报');
  });
});
