import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { SESSION_END_REASONS, type SessionEndReason } from '@latchkey/contracts';
import { loginIdsOfTenant, loginIdsOfUserType } from '../directory/login-store';
import { revokeProviderGrants } from '../oidc/oidc-adapter';
import { EndedSessionRow } from './ended-session.entity';
import { SessionRow } from './session.entity';

/**
 * Revokes sessions server-side: a deleted row is a session that no cookie can bring back. With
 * them go what the OpenID provider issued to the same logins for the tenants' applications
 * (grants, refresh and access tokens, codes): they end at once on every API process. Each
 * revocation says why (`SessionEndReason`): the ended sessions' ids are kept a day with it in
 * `ended_session`, so that a browser coming back with one is told (`endedReason`).
 */
@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async revokeLogin(
    tenantId: string,
    loginId: string,
    reason: SessionEndReason,
    keep: string | null = null,
    manager?: EntityManager,
  ): Promise<number> {
    const m = manager ?? this.dataSource.manager;
    await revokeProviderGrants(m, { loginId });
    return this.revoke(m, reason, keep, 'tenant_id = :tenantId AND login_id = :loginId', {
      tenantId,
      loginId,
    });
  }

  async revokeUserType(
    tenantId: string,
    userTypeId: string,
    reason: SessionEndReason,
    keep: string | null = null,
    manager?: EntityManager,
  ): Promise<number> {
    const m = manager ?? this.dataSource.manager;
    const logins = loginIdsOfUserType(m);
    await revokeProviderGrants(m, { subQuery: logins, parameters: { tenantId, userTypeId } });
    return this.revoke(m, reason, keep, `tenant_id = :tenantId AND login_id IN ${logins}`, {
      tenantId,
      userTypeId,
    });
  }

  async revokeTenant(
    tenantId: string,
    reason: SessionEndReason,
    keep: string | null = null,
    manager?: EntityManager,
  ): Promise<number> {
    const m = manager ?? this.dataSource.manager;
    await revokeProviderGrants(m, { subQuery: loginIdsOfTenant(m), parameters: { tenantId } });
    return this.revoke(m, reason, keep, 'tenant_id = :tenantId', { tenantId });
  }

  /** Why the session `sessionId` was ended, while its record is kept (a day); null otherwise. */
  async endedReason(sessionId: string): Promise<SessionEndReason | null> {
    const row = await this.dataSource
      .getRepository(EndedSessionRow)
      .findOne({ where: { id: sessionId }, select: { reason: true } });
    const reason = row?.reason;
    return reason && (SESSION_END_REASONS as readonly string[]).includes(reason) ? reason : null;
  }

  /**
   * Records the matching sessions (`keep` excepted) as ended with `reason`, then deletes them: two
   * statements with the same conditions, in `m`'s transaction. An id recorded already keeps its
   * first reason.
   */
  private async revoke(
    m: EntityManager,
    reason: SessionEndReason,
    keep: string | null,
    where: string,
    parameters: ObjectLiteral,
  ): Promise<number> {
    const postgres = m.connection.options.type === 'postgres';
    const ended = m
      .createQueryBuilder()
      .select('s.id')
      .addSelect(':reason')
      // PostgreSQL reads an untyped parameter of a SELECT list as text; SQLite stores TypeORM's text.
      .addSelect(postgres ? 'CAST(:endedAt AS timestamptz)' : ':endedAt')
      .from(SessionRow, 's')
      .where(where, parameters)
      .setParameters({ reason, endedAt: new Date() });
    if (keep) ended.andWhere('s.id <> :keep', { keep });
    const [select, values] = ended.getQueryAndParameters();
    await m.query(
      `INSERT INTO ended_session (id, reason, ended_at) ${select} ON CONFLICT DO NOTHING`,
      values,
    );

    const gone = m.createQueryBuilder().delete().from(SessionRow).where(where, parameters);
    if (keep) gone.andWhere('id <> :keep', { keep });
    return (await gone.execute()).affected ?? 0;
  }
}
