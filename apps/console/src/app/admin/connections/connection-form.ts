import { AbstractControl, ValidatorFn } from '@angular/forms';
import {
  ConnectionView,
  DEFAULT_CONNECTION_SCOPES,
  MAX_CONNECTION_DOMAINS,
  MAX_CONNECTION_SCOPES,
  MAX_TRUST_MAX_AGE_SECONDS,
  MAX_TRUST_VALUES,
  MIN_TRUST_MAX_AGE_SECONDS,
  SCOPE_TOKEN_PATTERN,
  UpstreamTrust,
  UpstreamTrustMode,
  UserTypeView,
  emailDomainProblem,
  issuerProblem,
} from '@latchkey/contracts';
import { uriLines } from '../applications/uri-lines';

/**
 * The rules of the sign-in provider dialog's fields, as the API checks them (the issuer, the
 * domains one per line, scopes and amr/acr values separated by spaces), and the request's fields
 * read from the form's value or from a provider's view.
 */

/** What a create or change request carries, the client secret aside. */
export interface ConnectionFields {
  name: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  emailDomains: string[];
  allowedUserTypeIds: string[] | null;
  trust: UpstreamTrust;
  jitUserTypeId: string | null;
  passwordAllowed: boolean;
  enabled: boolean;
}

/** The form's raw value (`ConnectionDialog`'s form). */
export interface ConnectionFormValue {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  emailDomains: string;
  access: 'all' | 'some';
  allowedUserTypeIds: Record<string, boolean>;
  trust: { mode: UpstreamTrustMode; amrValues: string; acrValues: string; maxAgeMinutes: string };
  jitUserTypeId: string | null;
  passwordAllowed: boolean;
  enabled: boolean;
}

export const MIN_AGE_MINUTES = MIN_TRUST_MAX_AGE_SECONDS / 60;
export const MAX_AGE_MINUTES = MAX_TRUST_MAX_AGE_SECONDS / 60;

/** Values typed on one line, separated by spaces or commas. */
export function valueList(text: string): string[] {
  return text.split(/[\s,]+/).filter((value) => value !== '');
}

const sentence = (problem: string) => `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;

/** The issuer as typed: `{ issuer: 'Must use https (http only for localhost).' }` while it breaks the rule. */
export const issuerValidator: ValidatorFn = (control: AbstractControl) => {
  const issuer = String(control.value ?? '').trim();
  if (issuer === '') {
    return { required: true };
  }
  const problem = issuerProblem(issuer);
  return problem ? { issuer: sentence(problem) } : null;
};

/** The domains of the text area, one per line, lower case. */
export function domainList(text: string): string[] {
  return uriLines(text).map(({ uri }) => uri.toLowerCase());
}

/** Every problem of the domain lines, each naming its line; empty when all is well. */
export function domainLinesProblems(text: string): string[] {
  const lines = uriLines(text);
  if (lines.length === 0) {
    return ['Enter at least one email domain.'];
  }
  const problems: string[] = [];
  if (lines.length > MAX_CONNECTION_DOMAINS) {
    problems.push(`Enter at most ${MAX_CONNECTION_DOMAINS} domains; there are ${lines.length}.`);
  }
  const seen = new Map<string, number>();
  for (const { uri, line } of lines) {
    const domain = uri.toLowerCase();
    const problem = emailDomainProblem(domain);
    const first = seen.get(domain);
    if (problem) {
      problems.push(`Line ${line} ${problem}.`);
    } else if (first !== undefined) {
      problems.push(`Line ${line} repeats line ${first}.`);
    } else {
      seen.set(domain, line);
    }
  }
  return problems;
}

export const domainsValidator: ValidatorFn = (control) => {
  const problems = domainLinesProblems(String(control.value ?? ''));
  return problems.length > 0 ? { domains: problems.join(' ') } : null;
};

/** What is wrong with a list of values (scopes, amr or acr values), or null. */
function valuesProblem(values: string[], max: number, what: string): string | null {
  if (values.length > max) {
    return `Enter at most ${max} ${what}s.`;
  }
  const bad = values.find((value) => !SCOPE_TOKEN_PATTERN.test(value));
  if (bad !== undefined) {
    return `${bad} is not a ${what}: no quotes or backslashes.`;
  }
  const twice = values.find((value, i) => values.indexOf(value) !== i);
  return twice === undefined ? null : `${twice} is listed twice.`;
}

/** The scopes, separated by spaces: `openid` among them. */
export const scopesValidator: ValidatorFn = (control) => {
  const scopes = valueList(String(control.value ?? ''));
  const problem =
    valuesProblem(scopes, MAX_CONNECTION_SCOPES, 'scope') ??
    (scopes.includes('openid') ? null : 'Include openid: Latchkey signs in with OpenID Connect.');
  return problem ? { values: problem } : null;
};

export const trustValuesValidator: ValidatorFn = (control) => {
  const problem = valuesProblem(valueList(String(control.value ?? '')), MAX_TRUST_VALUES, 'value');
  return problem ? { values: problem } : null;
};

/** The age limit in minutes: empty for any age, else a whole number in bounds. */
export const minutesValidator: ValidatorFn = (control) => {
  const text = String(control.value ?? '').trim();
  if (text === '') {
    return null;
  }
  const minutes = Number(text);
  return Number.isInteger(minutes) && minutes >= MIN_AGE_MINUTES && minutes <= MAX_AGE_MINUTES
    ? null
    : { minutes: `Enter whole minutes from ${MIN_AGE_MINUTES} to ${MAX_AGE_MINUTES}, or leave it empty.` };
};

/** Trusting the provider's MFA needs one `amr` or `acr` value at least (on the trust group). */
export const trustProofValidator: ValidatorFn = (group) => {
  const value = group.value as Partial<ConnectionFormValue['trust']>;
  if (value.mode !== 'trust-mfa') {
    return null;
  }
  const values = [...valueList(value.amrValues ?? ''), ...valueList(value.acrValues ?? '')];
  return values.length > 0 ? null : { proof: 'Enter at least one amr or acr value that proves MFA.' };
};

/** The request's fields from the form's value; user types in the account's order. */
export function fieldsOfForm(value: ConnectionFormValue, types: readonly UserTypeView[]): ConnectionFields {
  const minutes = value.trust.maxAgeMinutes.trim();
  return {
    name: value.name.trim(),
    issuer: value.issuer.trim(),
    clientId: value.clientId.trim(),
    scopes: valueList(value.scopes),
    emailDomains: domainList(value.emailDomains),
    allowedUserTypeIds:
      value.access === 'all' ? null : types.filter((t) => value.allowedUserTypeIds[t.id]).map((t) => t.id),
    trust: {
      mode: value.trust.mode,
      amrValues: valueList(value.trust.amrValues),
      acrValues: valueList(value.trust.acrValues),
      maxAuthAgeSeconds: minutes === '' ? null : Number(minutes) * 60,
    },
    jitUserTypeId: value.jitUserTypeId,
    passwordAllowed: value.passwordAllowed,
    enabled: value.enabled,
  };
}

/** The same fields of a provider as it is (allowed user types the account still has, in its order). */
export function fieldsOfView(view: ConnectionView, types: readonly UserTypeView[]): ConnectionFields {
  const allowed = view.allowedUserTypeIds;
  return {
    name: view.name,
    issuer: view.issuer,
    clientId: view.clientId,
    scopes: view.scopes,
    emailDomains: view.emailDomains,
    allowedUserTypeIds: allowed && types.filter((t) => allowed.includes(t.id)).map((t) => t.id),
    trust: view.trust,
    jitUserTypeId: view.jitUserTypeId,
    passwordAllowed: view.passwordAllowed,
    enabled: view.enabled,
  };
}

/** The form's first value: the provider's, or a new one's defaults. */
export function initialValue(
  view: ConnectionView | null,
  types: readonly UserTypeView[],
): ConnectionFormValue {
  const allowed = view?.allowedUserTypeIds ?? null;
  const age = view?.trust.maxAuthAgeSeconds ?? null;
  return {
    name: view?.name ?? '',
    issuer: view?.issuer ?? '',
    clientId: view?.clientId ?? '',
    clientSecret: '',
    scopes: (view?.scopes ?? DEFAULT_CONNECTION_SCOPES).join(' '),
    emailDomains: (view?.emailDomains ?? []).join('\n'),
    access: allowed === null ? 'all' : 'some',
    allowedUserTypeIds: Object.fromEntries(types.map((t) => [t.id, allowed?.includes(t.id) ?? false])),
    trust: {
      mode: view?.trust.mode ?? 'always-ask',
      amrValues: (view?.trust.amrValues ?? []).join(' '),
      acrValues: (view?.trust.acrValues ?? []).join(' '),
      maxAgeMinutes: age === null ? '' : String(Math.round(age / 60)),
    },
    jitUserTypeId: view?.jitUserTypeId ?? null,
    passwordAllowed: view?.passwordAllowed ?? true,
    enabled: view?.enabled ?? true,
  };
}

/** Only the fields that differ from the provider's (the API keeps the rest). */
export function changedFields(now: ConnectionFields, before: ConnectionFields): Partial<ConnectionFields> {
  const changed: Partial<ConnectionFields> = {};
  for (const key of Object.keys(now) as Array<keyof ConnectionFields>) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) {
      Object.assign(changed, { [key]: now[key] });
    }
  }
  return changed;
}
