import {
  API_TOKEN_SCOPES,
  API_TOKEN_SCOPE_LABELS,
  ApiTokenScope,
  ApiTokenView,
  apiTokenState,
} from '@latchkey/contracts';
import { formatMoment } from '../../shared/policy-text';

/** A scope's short name, in the list and beside its box. */
export const SCOPE_NAMES: Readonly<Record<ApiTokenScope, string>> = API_TOKEN_SCOPE_LABELS;

/** The scopes in the order the dialog offers them. */
export const SCOPE_CHOICES: readonly ApiTokenScope[] = API_TOKEN_SCOPES;

/** A token's scopes in words: "Read users, Change users". */
export function scopesText(scopes: readonly ApiTokenScope[]): string {
  return scopes.map((scope) => SCOPE_NAMES[scope]).join(', ');
}

/** Whether a token still works: revoked wins over expired. */
export function stateText(token: ApiTokenView, now: Date = new Date()): string {
  switch (apiTokenState(token, now)) {
    case 'revoked':
      return `Revoked ${formatMoment(token.revokedAt ?? '')}`;
    case 'expired':
      return `Expired ${formatMoment(token.expiresAt ?? '')}`;
    default:
      return 'Active';
  }
}

export function expiryText(token: Pick<ApiTokenView, 'expiresAt'>): string {
  return token.expiresAt ? formatMoment(token.expiresAt) : 'Never';
}

export function lastUsedText(token: Pick<ApiTokenView, 'lastUsedAt'>): string {
  return token.lastUsedAt ? formatMoment(token.lastUsedAt) : 'Never used';
}

/** A date input's YYYY-MM-DD as the last millisecond of that day in local time (ISO 8601); null if not a day. */
export function endOfDay(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return null;
  }
  const date = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A moment's local day as a date input wants it (YYYY-MM-DD). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
