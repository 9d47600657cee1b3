import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditDetails } from '@latchkey/contracts';
import { ID_LENGTH, TIMESTAMP } from '../database/column-types';

/**
 * One thing that happened. Platform-wide events (a failed sign-in for an unknown email,
 * a tenant created) have no tenant, so the key is the id alone; the tenant's listing
 * index leads with tenant_id.
 */
@Entity('audit_event')
@Index('idx_audit_tenant_time', ['tenantId', 'createdAt'])
@Index('idx_audit_time', ['createdAt'])
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  @Column({
    name: 'tenant_id',
    type: 'varchar',
    length: ID_LENGTH,
    nullable: true,
  })
  tenantId!: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({
    name: 'actor_identity_id',
    type: 'varchar',
    length: ID_LENGTH,
    nullable: true,
  })
  actorIdentityId!: string | null;

  @Column({
    name: 'actor_login_id',
    type: 'varchar',
    length: ID_LENGTH,
    nullable: true,
  })
  actorLoginId!: string | null;

  /** Who acted, readable: an email, or "system". */
  @Column({ name: 'actor_label', type: 'varchar', length: 320, nullable: true })
  actorLabel!: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({
    name: 'target_id',
    type: 'varchar',
    length: ID_LENGTH,
    nullable: true,
  })
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
