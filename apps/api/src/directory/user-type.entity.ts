import type { TwoFactorMethod } from '@latchkey/contracts';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { IdColumn, TimestampColumn } from '../database/column-types';
import { Tenant } from './tenant.entity';

/** A kind of user inside one tenant (Employee, Manager, …); policy attaches to it. */
@Entity('user_type')
@Index('uq_user_type_tenant_name', ['tenantId', 'name'], { unique: true })
export class UserType {
  @IdColumn({ name: 'tenant_id', primary: true })
  @ForeignKey(() => Tenant, { name: 'fk_user_type_tenant', onDelete: 'CASCADE' })
  tenantId!: string;

  @IdColumn({ primary: true })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  /** Layer 3: the method users of this type must use at least. */
  @Column({ type: 'varchar', length: 16, default: 'off' })
  method?: TwoFactorMethod;

  @Column({ name: 'grace_days', type: 'integer', default: 0 })
  graceDays?: number;

  /** Days a browser may skip the code after a successful one; 0 = never. */
  @Column({ name: 'remember_days', type: 'integer', default: 0 })
  rememberDays?: number;

  @Column({ name: 'policy_set_by', type: 'varchar', length: 320, nullable: true })
  policySetBy?: string | null;

  @TimestampColumn('policy_set_at', { nullable: true })
  policySetAt?: Date | null;
}
