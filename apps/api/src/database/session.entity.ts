import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TIMESTAMP } from './column-types';

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

  @Column({ name: 'expires_at', type: TIMESTAMP })
  expiresAt!: Date;

  @Column({
    name: 'identity_id',
    type: 'varchar',
    length: ID_LENGTH,
    nullable: true,
  })
  identityId!: string | null;

  @Column({
    name: 'tenant_id',
    type: 'varchar',
    length: ID_LENGTH,
    nullable: true,
  })
  tenantId!: string | null;

  @Column({
    name: 'login_id',
    type: 'varchar',
    length: ID_LENGTH,
    nullable: true,
  })
  loginId!: string | null;
}
