import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimestampColumn } from './column-types';

/**
 * A server-side session (express-session's store). Who it belongs to is kept in columns
 * beside the data, so that a reset or a sign-out-everywhere can revoke by login or identity.
 */
@Entity('session')
@Index('idx_session_tenant_login', ['tenantId', 'loginId'])
@Index('idx_session_identity', ['identityId'])
@Index('idx_session_expires', ['expiresAt'])
export class SessionRow {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  @Column({ type: 'text' })
  data!: string;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @IdColumn({ name: 'identity_id', nullable: true })
  identityId!: string | null;

  @IdColumn({ name: 'tenant_id', nullable: true })
  tenantId!: string | null;

  @IdColumn({ name: 'login_id', nullable: true })
  loginId!: string | null;
}
