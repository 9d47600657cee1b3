import { Column, Entity, Index } from 'typeorm';
import type { AuditDetails } from '@latchkey/contracts';
import { IdColumn, TimestampColumn } from '../database/column-types';

/**
 * One thing that happened. Platform-wide events (a failed sign-in for an unknown email,
 * a tenant created) have no tenant, so the key is the id alone; the tenant's listing
 * index leads with tenant_id.
 */
@Entity('audit_event')
@Index('idx_audit_tenant_time', ['tenantId', 'createdAt'])
@Index('idx_audit_time', ['createdAt'])
export class AuditEvent {
  @IdColumn({ primary: true })
  id!: string;

  @IdColumn({ name: 'tenant_id', nullable: true })
  tenantId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @IdColumn({ name: 'actor_identity_id', nullable: true })
  actorIdentityId!: string | null;

  @IdColumn({ name: 'actor_login_id', nullable: true })
  actorLoginId!: string | null;

  /** Who acted, readable: an email, or "system". */
  @Column({ name: 'actor_label', type: 'varchar', length: 320, nullable: true })
  actorLabel!: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @IdColumn({ name: 'target_id', nullable: true })
  targetId!: string | null;

  @Column({
    name: 'target_label',
    type: 'varchar',
    length: 320,
    nullable: true,
  })
  targetLabel!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  before!: AuditDetails | null;

  @Column({ type: 'simple-json', nullable: true })
  after!: AuditDetails | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;
}
