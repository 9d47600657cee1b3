import { Me } from '@latchkey/contracts';
import { AuditSource } from '../../shared/route-data';
import { AuditScope } from './audit-api';

/** The log the page shows: whose events, and its heading. */
export interface AuditLog {
  scope: AuditScope;
  title: string;
  /** Names the CSV file: latchkey-audit-<label>-<day>.csv; null keeps the plain name. */
  fileLabel: string | null;
}

export type AuditLogChoice = { ok: true; log: AuditLog } | { ok: false; message: string };

export const PLATFORM_AUDIT_TITLE = 'Platform audit log';

/** The log for the route's source, tenant id and (resolved) tenant name, as seen by `me`. */
export function auditLogOf(
  source: AuditSource | undefined,
  tenantId: string | null | undefined,
  tenantName: string | null | undefined,
  me: Me | null,
): AuditLogChoice {
  if (source === 'platform') {
    return {
      ok: true,
      log: { scope: { kind: 'platform' }, title: PLATFORM_AUDIT_TITLE, fileLabel: 'platform' },
    };
  }
  if (source === 'tenant') {
    if (!tenantId) {
      return { ok: false, message: 'No tenant was named, so there is no audit log to show.' };
    }
    return {
      ok: true,
      log: {
        scope: { kind: 'tenant', tenantId },
        title: tenantName ? `Audit log of ${tenantName}` : 'Audit log of a tenant',
        fileLabel: fileLabelOf(tenantName ?? tenantId),
      },
    };
  }
  if (!me?.tenantId) {
    return { ok: false, message: 'This sign-in has no tenant, so there is no audit log to show.' };
  }
  return {
    ok: true,
    log: {
      scope: { kind: 'tenant', tenantId: me.tenantId },
      title: me.tenantName ? `Audit log of ${me.tenantName}` : 'Audit log',
      fileLabel: null,
    },
  };
}

/** "Acme Corp." → "acme-corp": safe in a file name. */
export function fileLabelOf(name: string): string | null {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return label || null;
}
