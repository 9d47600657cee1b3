import { Column, Entity, ForeignKey, Index } from 'typeorm';
import type { HandoverKind, Role, TwoFactorMethod } from '@latchkey/contracts';
import { IdColumn, TimestampColumn } from '../database/column-types';
import { Identity } from './identity.entity';
import { Tenant } from './tenant.entity';
import { UserType } from './user-type.entity';

/** One identity in one tenant, with one user type: what a person signs in as. */
@Entity('login')
@Index('idx_login_identity', ['identityId'])
@Index('idx_login_tenant_type', ['tenantId', 'userTypeId'])
@Index('idx_login_tenant_name', ['tenantId', 'displayName', 'id'])
@Index('idx_login_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('idx_login_tenant_last_factor', ['tenantId', 'lastSecondFactorAt', 'id'])
// The few rows the overview's time-dependent states are read from (migration 1764900000000).
@Index('idx_login_deadline', ['enrolDeadline', 'tenantId'], { where: 'enrol_deadline IS NOT NULL' })
@Index('idx_login_type_deadline', ['tenantId', 'userTypeId', 'enrolDeadline'], {
  where: 'enrol_deadline IS NOT NULL',
})
@Index('idx_login_locked_out', ['tenantId'], { where: 'locked_out' })
@Index('idx_login_locked_until', ['lockedUntil', 'tenantId'], { where: 'locked_until IS NOT NULL' })
// The search's trigram index on PostgreSQL (migration 1765000000000), which TypeORM cannot spell.
@Index('idx_login_name_trgm', { synchronize: false })
@Index('uq_login_tenant_identity_type', ['tenantId', 'identityId', 'userTypeId'], { unique: true })
@ForeignKey(() => UserType, ['tenantId', 'userTypeId'], ['tenantId', 'id'], { name: 'fk_login_user_type' })
export class Login {
  @IdColumn({ name: 'tenant_id', primary: true })
  @ForeignKey(() => Tenant, { name: 'fk_login_tenant', onDelete: 'CASCADE' })
  tenantId!: string;

  @IdColumn({ primary: true })
  id!: string;

  @IdColumn({ name: 'identity_id' })
  @ForeignKey(() => Identity, { name: 'fk_login_identity', onDelete: 'CASCADE' })
  identityId!: string;

  @IdColumn({ name: 'user_type_id' })
  userTypeId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  /** 'super' only in the platform tenant. */
  role!: Role;

  @TimestampColumn('created_at')
  createdAt!: Date;

  /** Layer 4: the owner's exception for this login. */
  @Column({ name: 'exception_method', type: 'varchar', length: 16, nullable: true })
  exceptionMethod?: TwoFactorMethod | null;

  @Column({ name: 'exception_set_by', type: 'varchar', length: 320, nullable: true })
  exceptionSetBy?: string | null;

  @TimestampColumn('exception_set_at', { nullable: true })
  exceptionSetAt?: Date | null;

  /** Layer 5: the user turned the authenticator on for themself. */
  @TimestampColumn('opted_in_at', { nullable: true })
  optedInAt?: Date | null;

  /** Factor state, kept by the factor steps: set while an active authenticator / a PIN exists. */
  @TimestampColumn('totp_enrolled_at', { nullable: true })
  totpEnrolledAt?: Date | null;

  @TimestampColumn('pin_set_at', { nullable: true })
  pinSetAt?: Date | null;

  @TimestampColumn('last_second_factor_at', { nullable: true })
  lastSecondFactorAt?: Date | null;

  /** When this login first met a requirement it had not enrolled for; the grace counts from here. */
  @TimestampColumn('grace_started_at', { nullable: true })
  graceStartedAt?: Date | null;

  /** The deadline given then; a later, longer grace never moves it out. */
  @TimestampColumn('enrol_deadline', { nullable: true })
  enrolDeadline?: Date | null;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts?: number;

  @TimestampColumn('locked_until', { nullable: true })
  lockedUntil?: Date | null;

  /** argon2id of the PIN, when one is set. */
  @Column({ name: 'pin_hash', type: 'varchar', length: 255, nullable: true })
  pinHash?: string | null;

  /** argon2id of the one-time handover code an owner's reset answered. */
  @Column({ name: 'handover_hash', type: 'varchar', length: 255, nullable: true })
  handoverHash?: string | null;

  @TimestampColumn('handover_expires_at', { nullable: true })
  handoverExpiresAt?: Date | null;

  /** Why the handover code is asked for: an owner's reset, or the invite of a new login. */
  @Column({ name: 'handover_kind', type: 'varchar', length: 16, nullable: true })
  handoverKind?: HandoverKind | null;

  /**
   * The sign-in flow that spent the handover (or invite) code: only it may enrol, until that
   * enrolment finishes or the grant expires (then a new code is needed).
   */
  @IdColumn({ name: 'enrolment_grant_flow', nullable: true })
  enrolmentGrantFlow?: string | null;

  @TimestampColumn('enrolment_grant_expires_at', { nullable: true })
  enrolmentGrantExpiresAt?: Date | null;

  /** Locked until an owner unlocks it. */
  @Column({ name: 'locked_out', type: 'boolean', default: false })
  lockedOut?: boolean;

  /**
   * Set while an owner has deactivated the login: no sign-in, no picker entry, no OpenID account;
   * its sessions and the provider's grants and tokens ended when it was set.
   */
  @TimestampColumn('deactivated_at', { nullable: true })
  deactivatedAt?: Date | null;
}
