import { FormControl, FormGroup } from '@angular/forms';
import {
  changedFields,
  domainLinesProblems,
  fieldsOfForm,
  fieldsOfView,
  initialValue,
  issuerValidator,
  minutesValidator,
  scopesValidator,
  trustProofValidator,
  valueList,
} from './connection-form';
import { stateText, trustText } from './connection-text';
import { CONTRACTORS, SSO, TYPES } from './connections-page.testing';

describe('the sign-in provider form', () => {
  const check = (validator: typeof issuerValidator, value: string) => validator(new FormControl(value));

  it('checks the issuer by the API rule, in a sentence', () => {
    expect(check(issuerValidator, ' https://login.acme.test ')).toBeNull();
    expect(check(issuerValidator, 'http://localhost:9000/realms/acme')).toBeNull();
    expect(check(issuerValidator, '')).toEqual({ required: true });
    expect(check(issuerValidator, 'http://login.acme.test')).toEqual({
      issuer: 'Must use https (http only for localhost).',
    });
    expect(check(issuerValidator, 'login.acme.test')).toEqual({
      issuer: 'Must be an absolute URL, like https://login.example.com.',
    });
  });

  it('checks the domains line by line, lower-cased, naming each line', () => {
    expect(domainLinesProblems('Acme.test\n\ncorp.acme.test')).toEqual([]);
    expect(domainLinesProblems('  \n')).toEqual(['Enter at least one email domain.']);
    expect(domainLinesProblems('acme.test\nsam@acme.test\nnot a domain\nACME.test')).toEqual([
      'Line 2 must be the part after the @ only, like example.com.',
      'Line 3 is not an email domain like example.com.',
      'Line 4 repeats line 1.',
    ]);
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.test`).join('\n');
    expect(domainLinesProblems(many)).toEqual(['Enter at most 20 domains; there are 21.']);
  });

  it('reads scopes and values separated by spaces or commas, openid among the scopes', () => {
    expect(valueList(' openid, email  profile ')).toEqual(['openid', 'email', 'profile']);
    expect(check(scopesValidator, 'openid email')).toBeNull();
    expect(check(scopesValidator, 'email profile')).toEqual({
      values: 'Include openid: Latchkey signs in with OpenID Connect.',
    });
    expect(check(scopesValidator, 'openid email email')).toEqual({ values: 'email is listed twice.' });
    expect(check(scopesValidator, 'openid "email"')).toEqual({
      values: '"email" is not a scope: no quotes or backslashes.',
    });
  });

  it('takes an age limit in whole minutes, or none', () => {
    expect(check(minutesValidator, '')).toBeNull();
    expect(check(minutesValidator, '10')).toBeNull();
    for (const bad of ['0', '1.5', 'ten', '43201']) {
      expect(check(minutesValidator, bad)).toEqual({
        minutes: 'Enter whole minutes from 1 to 43200, or leave it empty.',
      });
    }
  });

  it('asks for a proof when trusting the provider’s MFA', () => {
    const trust = (mode: string, amrValues: string, acrValues = '') =>
      trustProofValidator(
        new FormGroup({
          mode: new FormControl(mode),
          amrValues: new FormControl(amrValues),
          acrValues: new FormControl(acrValues),
        }),
      );
    expect(trust('always-ask', '')).toBeNull();
    expect(trust('trust-mfa', '', 'urn:acme:mfa')).toBeNull();
    expect(trust('trust-mfa', ' ')).toEqual({
      proof: 'Enter at least one amr or acr value that proves MFA.',
    });
  });

  it('turns a provider into the form and back unchanged, the age in minutes', () => {
    for (const view of [SSO, CONTRACTORS]) {
      const value = initialValue(view, TYPES);
      expect(fieldsOfForm(value, TYPES)).toEqual(fieldsOfView(view, TYPES));
      expect(changedFields(fieldsOfForm(value, TYPES), fieldsOfView(view, TYPES))).toEqual({});
    }
    expect(initialValue(SSO, TYPES).trust.maxAgeMinutes).toBe('10');
    expect(initialValue(null, TYPES)).toMatchObject({
      scopes: 'openid email profile',
      access: 'all',
      trust: { mode: 'always-ask', maxAgeMinutes: '' },
      passwordAllowed: true,
      enabled: true,
    });
  });

  it('words a provider’s trust and state for the list', () => {
    expect(trustText(SSO)).toBe(
      "Trust the provider's MFA when its token proves it (amr mfa, amr hwk, at most 10 min old)",
    );
    expect(trustText(CONTRACTORS)).toBe("Always ask Latchkey's second factor");
    expect(stateText(SSO)).toBe('On, passwords too');
    expect(stateText({ enabled: true, passwordAllowed: false })).toBe('On, provider only');
    expect(stateText(CONTRACTORS)).toBe('Off');
  });
});
