import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TIMESTAMP } from '../database/column-types';

export type TenantKind = 'platform' | 'customer';

@Entity('tenant')
export class Tenant {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 'platform' holds the super users' logins; it is never listed or managed as a tenant. */
  @Column({ type: 'varchar', length: 16, default: 'customer' })
  kind!: TenantKind;

  @Column({ name: 'two_factor_enabled', type: 'boolean', default: false })
  twoFactorEnabled!: boolean;

  @Column({ name: 'suspended_at', type: TIMESTAMP, nullable: true })
  suspendedAt!: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;
}
