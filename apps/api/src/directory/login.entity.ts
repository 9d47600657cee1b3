import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@latchkey/contracts';
import { ID_LENGTH, TIMESTAMP } from '../database/column-types';
import { Identity } from './identity.entity';
import { Tenant } from './tenant.entity';
import { UserType } from './user-type.entity';

/** One identity in one tenant, with one user type: what a person signs in as. */
@Entity('login')
@Index('idx_login_identity', ['identityId'])
@Index('idx_login_tenant_type', ['tenantId', 'userTypeId'])
@Index('uq_login_tenant_identity_type', ['tenantId', 'identityId', 'userTypeId'], { unique: true })
@ForeignKey(() => UserType, ['tenantId', 'userTypeId'], ['tenantId', 'id'], { name: 'fk_login_user_type' })
export class Login {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: ID_LENGTH })
  @ForeignKey(() => Tenant, { name: 'fk_login_tenant', onDelete: 'CASCADE' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  @Column({ name: 'identity_id', type: 'varchar', length: ID_LENGTH })
  @ForeignKey(() => Identity, { name: 'fk_login_identity', onDelete: 'CASCADE' })
  identityId!: string;

  @Column({ name: 'user_type_id', type: 'varchar', length: ID_LENGTH })
  userTypeId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  /** 'super' only in the platform tenant. */
  role!: Role;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;
}
