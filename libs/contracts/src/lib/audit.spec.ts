import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_LIST,
  auditActionLabel,
  auditActionsMatching,
  auditActionsOf,
  isAuditAction,
  type AuditAction,
} from './audit';

describe('audit actions', () => {
  const all = Object.keys(AUDIT_ACTIONS) as AuditAction[];

  it('labels every action, each label once', () => {
    const labels = all.map((a) => AUDIT_ACTIONS[a].label);
    expect(labels.every((l) => l.trim().length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('puts every action in at least one log, and the two lists together cover them all', () => {
    const tenant = auditActionsOf('tenant');
    const platform = auditActionsOf('platform');
    expect(new Set([...tenant, ...platform])).toEqual(new Set(all));
    expect(platform).toContain('platform.floor-changed');
    expect(tenant).not.toContain('platform.floor-changed');
    expect(tenant).toContain('login.reset');
    expect(platform).not.toContain('login.reset');
    expect(tenant).toEqual(expect.arrayContaining(['sign-in.succeeded', 'login.unlocked']));
    expect(platform).toEqual(expect.arrayContaining(['sign-in.succeeded', 'login.unlocked']));
  });

  it.each([
    ['login.reset', 'Second factor reset'],
    ['sign-in.failed', 'Sign-in failed'],
    ['something.older', 'something.older'],
  ])('reads %s as "%s"', (action, label) => {
    expect(auditActionLabel(action)).toBe(label);
  });

  it('lists every action once and knows only those', () => {
    expect(AUDIT_ACTION_LIST).toEqual(all);
    expect(isAuditAction('login.reset')).toBe(true);
    expect(['policy.', 'toString', '__proto__', '', 42].some(isAuditAction)).toBe(false);
  });

  it.each([
    ['second FACTOR reset', ['login.reset']],
    ['  pin ', ['factor.pin-set', 'factor.pin-changed']],
    ['login.res', ['login.reset']],
    ['', []],
    ['nothing like this', []],
  ])('finds the actions whose label or code holds "%s"', (text, actions) => {
    expect(auditActionsMatching(text)).toEqual(actions);
  });
});
