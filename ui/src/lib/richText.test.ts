import { describe, expect, it } from 'vitest';
import { codeSegments } from './richText';

describe('codeSegments', () => {
  it('cuts a sentence around its tokens', () => {
    expect(codeSegments('Fails with A.b, or with C (twice: C).', ['A.b', 'C'])).toEqual([
      { text: 'Fails with ', code: false },
      { text: 'A.b', code: true },
      { text: ', or with ', code: false },
      { text: 'C', code: true },
      { text: ' (twice: ', code: false },
      { text: 'C', code: true },
      { text: ').', code: false },
    ]);
  });

  it('keeps a sentence without tokens whole', () => {
    expect(codeSegments('Nothing here.', ['X'])).toEqual([{ text: 'Nothing here.', code: false }]);
    expect(codeSegments('Nothing here.', [])).toEqual([{ text: 'Nothing here.', code: false }]);
    expect(codeSegments('', [])).toEqual([]);
  });
});
