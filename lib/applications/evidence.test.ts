import { describe, expect, it } from 'vitest';
import { readEvidence } from './evidence';

/** A 1×1 PNG: a real file file-type recognises by content. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const FORMAT_CHARS = ['\u202E', '\u2066', '\u061C', '\u00AD', '\u200B'];

describe('evidence file names are plain text', () => {
  it('keeps an ordinary name, middle dots included', async () => {
    const r = await readEvidence([new File([PNG], '买买提·艾力 收据.png')]);
    expect(r.ok && r.files.map((f) => [f.fileName, f.mediaType])).toEqual([['买买提·艾力 收据.png', 'image/png']]);
  });

  it('refuses a name with a bidi control, zero-width character or soft hyphen, naming the file without it', async () => {
    for (const c of FORMAT_CHARS) {
      // U+202E would show 'gnp.exe' as 'exe.png'.
      expect(await readEvidence([new File([PNG], `收据${c}gnp.exe`)]), c.codePointAt(0)!.toString(16)).toEqual({
        ok: false,
        message: '文件名“收据gnp.exe”不能包含不可见的格式字符（如双向控制符、零宽字符、软连字符），请重命名后上传',
      });
    }
  });
});
