import { describe, expect, it } from 'vitest';
import { modeSwitchHref, parseUiMode, sameSiteBackPath } from '@/lib/ui-mode';

describe('parseUiMode', () => {
  it('knows the two modes and nothing else', () => {
    expect(parseUiMode('elder')).toBe('elder');
    expect(parseUiMode('standard')).toBe('standard');
    for (const v of ['', 'Elder', 'large', null, undefined]) expect(parseUiMode(v)).toBeNull();
  });
});

describe('sameSiteBackPath', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(sameSiteBackPath('/')).toBe('/');
    expect(sameSiteBackPath('/search?q=%E7%8E%8B%E4%BA%8C&page=2')).toBe('/search?q=%E7%8E%8B%E4%BA%8C&page=2');
    expect(sameSiteBackPath('/measures#measure-3')).toBe('/measures#measure-3');
    expect(sameSiteBackPath('/search?q=王二')).toBe('/search?q=%E7%8E%8B%E4%BA%8C');
  });

  it('refuses anything a browser could follow to another site', () => {
    const offSite = [
      '//evil.com',
      '//evil.com/',
      'https://evil.com',
      'http:/evil.com',
      '/\\evil.com',
      '\\\\evil.com',
      '/\\/evil.com',
      '/%0a/evil.com',
      '/\t/evil.com',
      '/\n/evil.com',
      'evil.com',
      'javascript:alert(1)',
      ' /search',
      '',
      null,
      undefined,
      `/${'a'.repeat(3000)}`,
    ];
    for (const back of offSite) {
      const kept = sameSiteBackPath(back);
      if (kept !== null) expect(new URL(kept, 'https://kunshan.example').host).toBe('kunshan.example');
    }
    for (const back of ['//evil.com', 'https://evil.com', '/\\evil.com', '/\t/evil.com', 'evil.com', null]) {
      expect(sameSiteBackPath(back)).toBeNull();
    }
  });
});

describe('modeSwitchHref', () => {
  it('carries the mode and the way back, encoded', () => {
    const href = modeSwitchHref('elder', '/search?q=王二&page=2');
    const url = new URL(href, 'https://kunshan.example');
    expect(url.pathname).toBe('/mode');
    expect(url.searchParams.get('to')).toBe('elder');
    expect(url.searchParams.get('back')).toBe('/search?q=王二&page=2');
  });
});
