import type { TwoFactorMethod } from '@latchkey/contracts';
import { meetsFloor, methodRank, strongerOf, strongest } from './methods';

describe('method order', () => {
  const cases: Array<[TwoFactorMethod, TwoFactorMethod, TwoFactorMethod, boolean]> = [
    // a, b, stronger, a meets floor b
    ['off', 'off', 'off', true],
    ['off', 'pin', 'pin', false],
    ['off', 'authenticator', 'authenticator', false],
    ['pin', 'off', 'pin', true],
    ['pin', 'pin', 'pin', true],
    ['pin', 'authenticator', 'authenticator', false],
    ['authenticator', 'off', 'authenticator', true],
    ['authenticator', 'pin', 'authenticator', true],
    ['authenticator', 'authenticator', 'authenticator', true],
  ];

  it.each(cases)('%s vs %s → stronger %s, meets floor %s', (a, b, stronger, meets) => {
    expect(strongerOf(a, b)).toBe(stronger);
    expect(meetsFloor(a, b)).toBe(meets);
  });

  it('ranks off < pin < authenticator', () => {
    expect(methodRank('off')).toBeLessThan(methodRank('pin'));
    expect(methodRank('pin')).toBeLessThan(methodRank('authenticator'));
  });
});

describe('strongest', () => {
  const pick = (items: Array<[string, TwoFactorMethod]>) => strongest(items, ([, m]) => m)?.[0] ?? null;
  it.each<[Array<[string, TwoFactorMethod]>, string | null]>([
    [[], null],
    [[['a', 'off']], 'a'],
    [
      [
        ['a', 'pin'],
        ['b', 'authenticator'],
      ],
      'b',
    ],
    [
      [
        ['a', 'authenticator'],
        ['b', 'pin'],
      ],
      'a',
    ],
    [
      [
        ['higher', 'pin'],
        ['lower', 'pin'],
      ],
      'higher',
    ],
    [
      [
        ['a', 'off'],
        ['b', 'pin'],
        ['c', 'pin'],
      ],
      'b',
    ],
  ])('%j → %s', (items, expected) => {
    expect(pick(items)).toBe(expected);
  });
});
