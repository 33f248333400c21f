import { describe, expect, it } from 'vitest';
import { readDecisionDocument, readEvidence } from '@/domain/applications/evidence';

/** A 1×1 PNG: a real file file-type recognises by content. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const FORMAT_CHARS = ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B'];

describe('evidence file names are plain text', () => {
  it('keeps an ordinary name, middle dots included', async () => {
    const r = await readEvidence([new File([PNG], '买买提·艾力 收据.png')]);
    expect(r.ok && r.files.map((f) => [f.fileName, f.mediaType])).toEqual([['买买提·艾力 收据.png', 'image/png']]);
  });

  it(
    'refuses a name with a bidi control, zero-width character or soft hyphen, naming the file' + ' without it',
    async () => {
      for (const c of FORMAT_CHARS) {
        // U+202E would show 'gnp.exe' as 'exe.png'.
        expect(await readEvidence([new File([PNG], `收据${c}gnp.exe`)]), c.codePointAt(0)!.toString(16)).toEqual({
          ok: false,
          message: '文件名“收据gnp.exe”不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符），请重命名后上传',
        });
      }
    },
  );
});

describe('the decision document', () => {
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count' +
      ' 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );

  it('is a PDF judged by its content, never by its name or declared type', async () => {
    const r = await readDecisionDocument(new File([PDF], '决定书.pdf', { type: 'application/pdf' }), true);
    expect(r.ok && [r.file?.fileName, r.file?.mediaType]).toEqual(['决定书.pdf', 'application/pdf']);
    expect(await readDecisionDocument(new File([PNG], '决定书.pdf', { type: 'application/pdf' }), true)).toEqual({
      ok: false,
      message: '“决定书.pdf”不是 PDF 文件（按文件内容判断），决定书请上传 PDF',
    });
    expect(
      await readDecisionDocument(new File(['%PDF-1.4 not really'.replace('%PDF', 'PDF')], '决定书.pdf'), true),
    ).toMatchObject({ ok: false });
  });

  it('is refused over 10 MB, and when required but missing', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    expect(await readDecisionDocument(new File([big], '大.pdf'), true)).toEqual({
      ok: false,
      message: '“大.pdf”超过 10 MB，请压缩后上传',
    });
    expect(await readDecisionDocument(null, true)).toEqual({ ok: false, message: '请上传签发的决定书（PDF 文件）' });
    expect(await readDecisionDocument(new File([], ''), false)).toEqual({ ok: true, file: null });
  });
});
