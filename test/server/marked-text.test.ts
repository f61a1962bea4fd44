import { describe, expect, it } from 'vitest';
import { markedTextToHtml, segmentMarkedText } from '../../src/server/marked-text.ts';

const html = (text: string, ...ranges: [number, number][]) =>
  markedTextToHtml({ text, highlights: ranges.map(([start, end]) => ({ start, end })) });

describe('markedTextToHtml', () => {
  it('wraps each range in <mark>', () => {
    expect(html('the harbour at night', [4, 11])).toBe('the <mark>harbour</mark> at night');
    expect(html('a b c', [0, 1], [4, 5])).toBe('<mark>a</mark> b <mark>c</mark>');
  });

  it('returns the escaped text alone when nothing is highlighted', () => {
    expect(html('plain & simple')).toBe('plain &amp; simple');
    expect(html('')).toBe('');
  });

  it('escapes markup, ampersands and quotes in every piece, marked or not', () => {
    expect(html('<script>alert(1)</script>', [8, 13])).toBe('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;');
    expect(html(`"><img src=x onerror=alert(1)> & 'x'`, [2, 6])).toBe(
      '&quot;&gt;<mark>&lt;img</mark> src=x onerror=alert(1)&gt; &amp; &#39;x&#39;',
    );
  });

  it('merges overlapping and adjacent ranges into one mark', () => {
    expect(html('abcdefgh', [1, 4], [3, 6])).toBe('a<mark>bcdef</mark>gh');
    expect(html('abcdefgh', [1, 3], [3, 5])).toBe('a<mark>bcde</mark>fgh');
    expect(html('abcdefgh', [2, 6], [3, 4])).toBe('ab<mark>cdef</mark>gh');
  });

  it('sorts ranges given out of order', () => {
    expect(html('one two three', [8, 13], [0, 3])).toBe('<mark>one</mark> two <mark>three</mark>');
  });

  it('clamps ranges that run past the text and drops empty or inverted ones', () => {
    expect(html('short', [3, 99])).toBe('sho<mark>rt</mark>');
    expect(html('short', [-5, 2])).toBe('<mark>sh</mark>ort');
    expect(html('short', [10, 20], [2, 2], [4, 1])).toBe('short');
    expect(html('short', [0, Number.POSITIVE_INFINITY])).toBe('<mark>short</mark>');
  });

  it('never produces markup other than <mark>', () => {
    const out = html('<b>bold</b> & <i>it</i>', [0, 3], [5, 20]);
    expect(out.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('segmentMarkedText', () => {
  it('covers the whole text exactly once', () => {
    const text = 'North Korean leader Kim Jong Un';
    const segments = segmentMarkedText({ text, highlights: [{ start: 20, end: 23 }, { start: 0, end: 5 }, { start: 21, end: 28 }] });
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.filter((segment) => segment.marked).map((segment) => segment.text)).toEqual(['North', 'Kim Jong']);
  });
});
