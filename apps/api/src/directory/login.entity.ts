import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TenantRole } from '@latchkey/contracts';
import { ID_LENGTH, TIMESTAMP } from '../database/column-types';

/** One identity in one tenant, with one user type: what a person signs in as. */
@Entity('login')
@Index('idx_login_identity', ['identityId'])
@Index('idx_login_tenant_type', ['tenantId', 'userTypeId'])
export class Login {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: ID_LENGTH })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  @Column({ name: 'identity_id', type: 'varchar', length: ID_LENGTH })
  identityId!: string;

  @Column({ name: 'user_type_id', type: 'varchar', length: ID_LENGTH })
  userTypeId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: TenantRole;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;
}
