import { parseBoolean, requiredString } from '../../../src/private/handler/properties';

describe('parseBoolean', () => {
  test.each([
    [true, true], ['true', true], [false, false], ['false', false],
  ])('reads %p as %p, whatever the default', (value, expected) => {
    expect(parseBoolean('Flag', value, !expected)).toBe(expected);
  });

  test('takes the default when the property is absent', () => {
    expect(parseBoolean('Flag', undefined, true)).toBe(true);
    expect(parseBoolean('Flag', undefined, false)).toBe(false);
  });

  test.each(['yes', 'TRUE', 1, ''])('rejects %p, naming the property', value => {
    expect(() => parseBoolean('Flag', value, false)).toThrow(`Flag must be true or false (got ${JSON.stringify(value)})`);
  });
});

describe('requiredString', () => {
  test('returns a present string', () => {
    expect(requiredString({ Name: 'analysts' }, 'Name')).toBe('analysts');
  });

  test.each([undefined, '', 42])('rejects %p, naming the property', value => {
    expect(() => requiredString({ Name: value }, 'Name')).toThrow(`Name is missing from the custom resource properties (got ${JSON.stringify(value)})`);
  });
});
