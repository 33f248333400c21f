import { describe, expect, it } from 'vitest';
import { MAX_TARGET_CHARS, contentSecurityPolicy, targetProblem } from '@/domain/http/refusals';

describe('targetProblem', () => {
  it('accepts ordinary targets, percent-encoded Chinese included', () => {
    for (const t of ['/', '/search?q=%E5%BC%A0%E4%B8%89&page=2', '/entries/DEMO0000001', '/search?q=a+b'])
      expect(targetProblem(t)).toBeNull();
  });

  it('refuses NUL, controls, invalid UTF-8, raw bytes and over-long targets', () => {
    for (const t of [
      '/entries/%00320583198001011234',
      '/search?q=%FF',
      '/search?q=%C0%AF',
      '/search?q=%ED%A0%80',
      '/x%',
      '/x%zz',
      '/search?q=%1B',
      '/é',
      '/search?q=\u0000',
    ]) {
      expect(targetProblem(t)?.status, t).toBe(400);
    }
    expect(targetProblem(`/search?q=${'a'.repeat(MAX_TARGET_CHARS)}`)?.status).toBe(414);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce only and forbids framing, plugins and foreign form targets', () => {
    const csp = contentSecurityPolicy('abc');
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    for (const d of ["object-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'self'"])
      expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe-eval');
  });
});
