import { ConnectionView, UPSTREAM_TRUST_LABELS, UpstreamTrustMode } from '@latchkey/contracts';

/** The trust modes in the order the dialog offers them. */
export const TRUST_CHOICES: readonly UpstreamTrustMode[] = ['always-ask', 'trust-mfa', 'never-ask'];

/** A trust mode in one line, under its choice in the dialog. */
export const TRUST_HINTS: Readonly<Record<UpstreamTrustMode, string>> = {
  'always-ask': "After signing in at the provider, people meet this account's second factor as usual.",
  'trust-mfa':
    "The second factor is skipped when the provider's ID token proves MFA by one of the amr or acr values below; otherwise it is asked.",
  'never-ask':
    'The second factor is never asked after this provider. Not allowed where the platform requires a factor; super users are always asked.',
};

/** A provider's trust in the list: the mode's label, and for trust-mfa what it trusts. */
export function trustText(connection: Pick<ConnectionView, 'trust'>): string {
  const { mode, amrValues, acrValues, maxAuthAgeSeconds } = connection.trust;
  const label = UPSTREAM_TRUST_LABELS[mode];
  if (mode !== 'trust-mfa') {
    return label;
  }
  const proofs = [...amrValues.map((v) => `amr ${v}`), ...acrValues.map((v) => `acr ${v}`)].join(', ');
  const age = maxAuthAgeSeconds === null ? '' : `, at most ${Math.round(maxAuthAgeSeconds / 60)} min old`;
  return `${label} (${proofs}${age})`;
}

/** Whether a provider is in use, and whether its people may still use a password, in words. */
export function stateText(connection: Pick<ConnectionView, 'enabled' | 'passwordAllowed'>): string {
  if (!connection.enabled) {
    return 'Off';
  }
  return connection.passwordAllowed ? 'On, passwords too' : 'On, provider only';
}
