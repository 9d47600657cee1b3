import {
  BACKUP_CODE_ALPHABET,
  BACKUP_CODE_PATTERN,
  HANDOVER_CODE_PATTERN,
  normaliseBackupCode,
  normaliseHandoverCode,
} from './factors';

describe('backup codes', () => {
  it('makes new codes from an alphabet without look-alikes', () => {
    for (const c of '01ilo') expect(BACKUP_CODE_ALPHABET).not.toContain(c);
    expect(new Set(BACKUP_CODE_ALPHABET).size).toBe(BACKUP_CODE_ALPHABET.length);
  });

  it.each([
    ['3-k7qp-2m4x-hc', '3-k7qp-2m4x-hc'],
    ['3-K7QP-2M4X-HC', '3-k7qp-2m4x-hc'],
    ['3k7qp2m4xhc', '3-k7qp-2m4x-hc'],
    [' 3 k7qp 2m4x hc ', '3-k7qp-2m4x-hc'],
    ['3 - k7qp - 2m4x - hc', '3-k7qp-2m4x-hc'],
    // The random part is always ten characters, so a digit after the slot is not read as it.
    ['34k7qp2m4xh', '3-4k7q-p2m4-xh'],
    ['104k7qp2m4xh', '10-4k7q-p2m4-xh'],
    // Codes made before, in base32, read the same.
    ['1-abcd-efgh-ij', '1-abcd-efgh-ij'],
  ])('reads %j as %j', (typed, code) => {
    expect(normaliseBackupCode(typed)).toBe(code);
    expect(code).toMatch(BACKUP_CODE_PATTERN);
  });

  it.each(['123456', '3-k7qp-2m4x-h', '999-k7qp-2m4x-hc', '3-k7qp-2m4x-hc0', ''])(
    'leaves %j failing the pattern',
    (typed) => {
      expect(normaliseBackupCode(typed)).not.toMatch(BACKUP_CODE_PATTERN);
    },
  );
});

describe('handover codes', () => {
  it.each([
    ['ABCD-EFGH', 'ABCD-EFGH'],
    ['abcd-efgh', 'ABCD-EFGH'],
    ['abcdefgh', 'ABCD-EFGH'],
    [' ab cd  ef gh ', 'ABCD-EFGH'],
    ['Abcd - Efgh', 'ABCD-EFGH'],
  ])('reads %j as %j', (typed, code) => {
    expect(normaliseHandoverCode(typed)).toBe(code);
    expect(code).toMatch(HANDOVER_CODE_PATTERN);
  });

  it.each(['ABCD-EFG', 'ABCD-EFGH-I', 'ABCD_EFGH', ''])('leaves %j failing the pattern', (typed) => {
    expect(normaliseHandoverCode(typed)).not.toMatch(HANDOVER_CODE_PATTERN);
  });
});
