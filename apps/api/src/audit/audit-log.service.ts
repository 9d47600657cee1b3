import { Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { auditActionsMatching, type AuditEntry, type AuditPage, type AuditPerson } from '@latchkey/contracts';
import { badField } from '../common/http-errors';
import { escapeLike } from '../common/text';
import { Tenant } from '../directory/tenant.entity';
import { AuditEvent } from './audit-event.entity';
import type { AuditQueryDto } from './audit.dto';

/** The most a CSV export holds; past it the owner narrows the dates. */
export const CSV_ROW_LIMIT = 50_000;
const CSV_COLUMNS = [
  'time',
  'action',
  'actor',
  'target type',
  'target',
  'target id',
  'before',
  'after',
  'address',
];

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Whose log: a customer tenant's id, or null for the platform's own events — those without a
 * tenant (platform floors, super users' sign-ins, unknown emails, refused picks, server commands)
 * and those of the platform's own logins.
 */
export type AuditScope = string | null;

/** How the caller wants the log: a JSON page, or the whole filtered log as a CSV file. */
export type AuditFormat = 'json' | 'csv';

/** The CSV export's file name for a scope and a day (UTC). */
export function csvFileName(scope: AuditScope, now = new Date()): string {
  return `latchkey-audit-${scope === null ? 'platform-' : ''}${now.toISOString().slice(0, 10)}.csv`;
}

/** Reading the audit log of a tenant or of the platform: filtered pages and CSV. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** What a controller answers: a page, or (format csv) the CSV as a file to download. */
  async read(
    scope: AuditScope,
    query: AuditQueryDto,
    format: AuditFormat,
  ): Promise<AuditPage | StreamableFile> {
    if (format === 'json') return this.page(scope, query);
    return new StreamableFile(Buffer.from(await this.csv(scope, query), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${csvFileName(scope)}"`,
    });
  }

  async page(scope: AuditScope, query: AuditQueryDto): Promise<AuditPage> {
    const qb = await this.query(scope, query);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const total = await qb.clone().getCount();
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    if (page > lastPage) {
      throw badField('page', `page ${page} is beyond the last page (${lastPage})`);
    }
    const events = await qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getMany();
    const answer: AuditPage = { items: events.map(view), total, page, pageSize };
    if (query.loginId) answer.person = await this.person(scope, query.loginId);
    return answer;
  }

  async csv(scope: AuditScope, query: AuditQueryDto): Promise<string> {
    const events = await (await this.query(scope, query)).take(CSV_ROW_LIMIT).getMany();
    const lines = [CSV_COLUMNS.join(',')];
    for (const e of events) {
      lines.push(
        [
          e.createdAt.toISOString(),
          e.action,
          e.actorLabel,
          e.targetType,
          e.targetLabel,
          e.targetId,
          e.before ? JSON.stringify(e.before) : null,
          e.after ? JSON.stringify(e.after) : null,
          e.address,
        ]
          .map(csvCell)
          .join(','),
      );
    }
    return lines.join('\r\n') + '\r\n';
  }

  /** The one query behind pages and CSV: the scope's events, filtered, newest first. */
  private async query(scope: AuditScope, query: AuditQueryDto): Promise<SelectQueryBuilder<AuditEvent>> {
    const qb = (await this.scoped(scope)).orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'DESC');
    if (query.actions?.length) qb.andWhere('e.action IN (:...actions)', { actions: query.actions });
    if (query.action)
      qb.andWhere(`e.action LIKE :action ESCAPE '\\'`, { action: `${escapeLike(query.action)}%` });
    if (query.actor) qb.andWhere(contains('e.actor_label', 'actor'), { actor: likeText(query.actor) });
    if (query.target) qb.andWhere(contains('e.target_label', 'target'), { target: likeText(query.target) });
    if (query.q) {
      const text = query.q;
      // The labels live in the contracts, not in the table: the actions whose label matches.
      const labelled = auditActionsMatching(text);
      qb.andWhere(
        new Brackets((or) => {
          for (const column of SEARCHED_COLUMNS) or.orWhere(contains(column, 'q'), { q: likeText(text) });
          if (labelled.length) or.orWhere('e.action IN (:...labelled)', { labelled });
        }),
      );
    }
    if (query.loginId)
      qb.andWhere(`(e.actor_login_id = :loginId OR (e.target_type = 'login' AND e.target_id = :loginId))`, {
        loginId: query.loginId,
      });
    if (query.from) qb.andWhere('e.created_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.created_at <= :to', { to: new Date(query.to) });
    return qb;
  }

  /** The scope's events, unfiltered; a tenant that is not a customer's has no log (404). */
  private async scoped(scope: AuditScope): Promise<SelectQueryBuilder<AuditEvent>> {
    if (
      scope !== null &&
      !(await this.dataSource.getRepository(Tenant).existsBy({ id: scope, kind: 'customer' }))
    ) {
      throw new NotFoundException('No such tenant');
    }
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    // The platform's events: those of no tenant, and those of the platform's own logins (a super
    // user's sign-out or device change is written with the platform tenant's id).
    if (scope === null)
      qb.where(
        `(e.tenant_id IS NULL OR e.tenant_id IN (SELECT t.id FROM tenant t WHERE t.kind = 'platform'))`,
      );
    else qb.where('e.tenant_id = :tenantId', { tenantId: scope });
    return qb;
  }

  /** The login's name as this log last recorded it, as actor or as target (null if never). */
  private async person(scope: AuditScope, loginId: string): Promise<AuditPerson> {
    const latest = await (
      await this.scoped(scope)
    )
      .andWhere(
        new Brackets((or) =>
          or
            .where('(e.actor_login_id = :loginId AND e.actor_label IS NOT NULL)', { loginId })
            .orWhere(`(e.target_type = 'login' AND e.target_id = :loginId AND e.target_label IS NOT NULL)`, {
              loginId,
            }),
        ),
      )
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getOne();
    if (!latest) return { loginId, label: null };
    const label =
      latest.actorLoginId === loginId && latest.actorLabel ? latest.actorLabel : latest.targetLabel;
    return { loginId, label };
  }
}

/** What a free-text search reads: who acted, on what, the details and the address. */
const SEARCHED_COLUMNS = ['e.actor_label', 'e.target_label', 'e.before', 'e.after', 'e.address'] as const;

/**
 * A column holding the parameter's text, ignoring case (LOWER on both sides). PostgreSQL folds
 * every letter; SQLite without ICU folds ASCII only, so "Émile" matches "émile" only there.
 */
function contains(column: string, parameter: string): string {
  return `LOWER(${column}) LIKE :${parameter} ESCAPE '\\'`;
}

/** User text as a LIKE pattern matching it anywhere, its own wildcards escaped. */
function likeText(text: string): string {
  return `%${escapeLike(text.toLowerCase())}%`;
}

function view(e: AuditEvent): AuditEntry {
  return {
    id: e.id,
    createdAt: e.createdAt.toISOString(),
    tenantId: e.tenantId,
    action: e.action,
    actor: e.actorLabel,
    actorLoginId: e.actorLoginId,
    actorIdentityId: e.actorIdentityId,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    before: e.before,
    after: e.after,
    address: e.address,
  };
}
