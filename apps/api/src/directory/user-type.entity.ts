import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TIMESTAMP } from '../database/column-types';

/** A kind of user inside one tenant (Employee, Manager, …); policy attaches to it. */
@Entity('user_type')
export class UserType {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: ID_LENGTH })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;
}
