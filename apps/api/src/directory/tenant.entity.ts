import type { TwoFactorMethod } from '@latchkey/contracts';
import { Column, Entity } from 'typeorm';
import { IdColumn, TimestampColumn } from '../database/column-types';

export type TenantKind = 'platform' | 'customer';

@Entity('tenant')
export class Tenant {
  @IdColumn({ primary: true })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 'platform' holds the super users' logins; it is never listed or managed as a tenant. */
  @Column({ type: 'varchar', length: 16, default: 'customer' })
  kind!: TenantKind;

  @Column({ name: 'two_factor_enabled', type: 'boolean', default: false })
  twoFactorEnabled!: boolean;

  @TimestampColumn('suspended_at', { nullable: true })
  suspendedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  /** After an owner's reset, the user types a one-time handover code before enrolling. */
  @Column({ name: 'handover_enabled', type: 'boolean', default: true })
  handoverEnabled?: boolean;

  /** New logins get a one-time code (an enrolment invite) to type before their first enrolment. */
  @Column({ name: 'enrolment_invite_required', type: 'boolean', default: false })
  enrolmentInviteRequired?: boolean;

  /** Layer 1 for this tenant, set by a super user. */
  @Column({ name: 'platform_floor_method', type: 'varchar', length: 16, nullable: true })
  platformFloorMethod?: TwoFactorMethod | null;

  @Column({ name: 'platform_floor_grace_days', type: 'integer', default: 0 })
  platformFloorGraceDays?: number;

  @Column({ name: 'platform_floor_set_by', type: 'varchar', length: 320, nullable: true })
  platformFloorSetBy?: string | null;

  @TimestampColumn('platform_floor_set_at', { nullable: true })
  platformFloorSetAt?: Date | null;

  /** Layer 2, set by an owner: "mandatory for all users" stores the authenticator here. */
  @Column({ name: 'floor_method', type: 'varchar', length: 16, nullable: true })
  floorMethod?: TwoFactorMethod | null;

  @Column({ name: 'floor_grace_days', type: 'integer', default: 0 })
  floorGraceDays?: number;

  @Column({ name: 'floor_set_by', type: 'varchar', length: 320, nullable: true })
  floorSetBy?: string | null;

  @TimestampColumn('floor_set_at', { nullable: true })
  floorSetAt?: Date | null;
}
