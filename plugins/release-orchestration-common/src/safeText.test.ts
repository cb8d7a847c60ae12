import { describeZodError } from './schemas';
import { quoteInput, safeTextSchema } from './safeText';

function problemOf(
  value: unknown,
  schema = safeTextSchema({ min: 1, max: 10 }),
) {
  const result = schema.safeParse(value);
  return result.success ? undefined : describeZodError(result.error);
}

describe('safeTextSchema', () => {
  it('accepts well-formed text, trimmed, including characters outside the BMP', () => {
    expect(safeTextSchema({ max: 10 }).parse('  héllo 😀 ')).toBe('héllo 😀');
    expect(safeTextSchema({ max: 10, trim: false }).parse(' a ')).toBe(' a ');
  });

  it('refuses NUL and lone surrogates, naming the problem', () => {
    expect(problemOf('a\u0000b')).toBe(
      'must not contain the NUL character (\\u0000)',
    );
    expect(problemOf('a\ud800b')).toBe(
      'must be well-formed Unicode: it contains a lone UTF-16 surrogate',
    );
    expect(problemOf('\udc00')).toBe(
      'must be well-formed Unicode: it contains a lone UTF-16 surrogate',
    );
    expect(problemOf('\udc00\ud800')).toBe(
      'must be well-formed Unicode: it contains a lone UTF-16 surrogate',
    );
  });

  it('bounds the length and refuses empty and non-string values', () => {
    expect(problemOf('x'.repeat(11))).toBe('must be at most 10 characters');
    expect(problemOf('   ')).toBe('must not be empty');
    expect(problemOf(42)).toBe('must be a string');
    expect(problemOf(undefined)).toBe('Required');
  });
});

describe('describeZodError', () => {
  it('keeps messages short and shows control characters escaped', () => {
    const result = safeTextSchema({ max: 1 })
      .refine(() => false, { message: `bad \u0000 ${'y'.repeat(500)}` })
      .safeParse('a');
    const text = result.success ? '' : describeZodError(result.error);
    expect(text).toContain('bad \\u0000 yyy');
    expect(text).not.toContain('\u0000');
    expect(text.length).toBeLessThan(320);
  });
});

describe('quoteInput', () => {
  it('quotes at most 60 characters, escaping what cannot be shown', () => {
    expect(quoteInput('a\u0000')).toBe('"a\\u0000"');
    expect(quoteInput('\ud800')).toBe('"\\ud800"');
    expect(quoteInput('z'.repeat(100))).toBe(`"${'z'.repeat(60)}…"`);
  });
});
