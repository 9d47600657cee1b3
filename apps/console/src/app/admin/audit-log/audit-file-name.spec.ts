import { auditFileName } from './audit-file-name';

describe('auditFileName', () => {
  it('names the audit export after the local day', () => {
    expect(auditFileName(new Date(2026, 2, 5, 23, 59))).toBe('latchkey-audit-2026-03-05.csv');
    expect(auditFileName(new Date(2026, 11, 31, 0, 0))).toBe('latchkey-audit-2026-12-31.csv');
    expect(auditFileName(new Date(2026, 2, 5), 'platform')).toBe('latchkey-audit-platform-2026-03-05.csv');
  });
});
