import { lockStateText, placeOf, roleLabel } from './lock-state-text';

describe('lock state in words', () => {
  const now = new Date(2026, 10, 24, 9, 0);

  it('says a hard lock lasts until someone unlocks it', () => {
    expect(lockStateText({ lockedOut: true, lockedUntil: null }, now)).toBe('Locked until unlocked');
  });

  it('tells a wait by its end, with the day when it is not today', () => {
    const later = new Date(2026, 10, 24, 9, 5).toISOString();
    const tomorrow = new Date(2026, 10, 25, 0, 7).toISOString();
    const past = new Date(2026, 10, 24, 8, 59).toISOString();
    expect(lockStateText({ lockedOut: false, lockedUntil: later }, now)).toBe('Waits until 09:05');
    expect(lockStateText({ lockedOut: false, lockedUntil: tomorrow }, now)).toBe(
      'Waits until 2026-11-25 00:07',
    );
    expect(lockStateText({ lockedOut: false, lockedUntil: past }, now)).toBe('Waited until 08:59');
  });

  it('names the place and the role', () => {
    expect(placeOf({ platform: true, tenantName: 'Latchkey' })).toBe('Platform');
    expect(placeOf({ platform: false, tenantName: 'Acme' })).toBe('Acme');
    expect(roleLabel('owner')).toBe('Owner');
  });
});
