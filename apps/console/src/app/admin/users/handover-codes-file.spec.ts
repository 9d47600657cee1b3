import { BulkRowResult } from '@latchkey/contracts';
import { handoverCodes, handoverCodesFileName, handoverCodesText } from './handover-codes-file';

const row = (overrides: Partial<BulkRowResult>): BulkRowResult => ({
  loginId: 'login-ann',
  displayName: 'Ann Example',
  email: 'ann@acme.test',
  userTypeName: 'Employees',
  ok: true,
  message: 'Reset',
  ...overrides,
});

describe('handover codes file', () => {
  it('writes one line per code, with its expiry, leaving out logins without one', () => {
    const codes = handoverCodes([
      row({ handoverCode: 'K7QP-2M4X', handoverExpiresAt: '2026-11-24T10:15:00Z' }),
      row({ loginId: 'login-ben', displayName: 'Ben Other', email: 'ben@acme.test', ok: false }),
      row({
        loginId: 'login-cara',
        displayName: 'Cara New',
        email: 'cara@acme.test',
        handoverCode: 'ABCD-EFGH',
      }),
    ]);

    expect(handoverCodesText(codes, 'UTC')).toBe(
      'Ann Example <ann@acme.test>: K7QP-2M4X (expires 24 Nov 2026, 10:15 UTC)\n' +
        'Cara New <cara@acme.test>: ABCD-EFGH\n',
    );
  });

  it('names the file by the day', () => {
    expect(handoverCodesFileName(new Date(2026, 2, 5, 23, 59))).toBe(
      'latchkey-handover-codes-2026-03-05.txt',
    );
  });
});
