import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditAction, AuditDetails } from '@latchkey/contracts';
import { AuditEvent } from './audit-event.entity';

/** Who did something: a person (identity, maybe acting as a login), or the system itself. */
export interface AuditActor {
  identityId: string | null;
  loginId: string | null;
  label: string;
}

/** The audit actor of a signed-in caller. */
export function actorOf(actor: { identityId: string; loginId: string; email: string }): AuditActor {
  return { identityId: actor.identityId, loginId: actor.loginId, label: actor.email };
}

export const SYSTEM_ACTOR: AuditActor = {
  identityId: null,
  loginId: null,
  label: 'system',
};

export interface AuditInput {
  action: AuditAction;
  tenantId: string | null;
  actor: AuditActor;
  target?: { type: string; id: string | null; label?: string | null };
  before?: AuditDetails | null;
  after?: AuditDetails | null;
  address?: string | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes one event; pass the transaction's manager so the event commits with the change. */
  async record(input: AuditInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEvent, {
      id: randomUUID(),
      tenantId: input.tenantId,
      createdAt: new Date(),
      action: input.action,
      actorIdentityId: input.actor.identityId,
      actorLoginId: input.actor.loginId,
      actorLabel: input.actor.label,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      targetLabel: input.target?.label ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      address: input.address ?? null,
    });
  }
}
