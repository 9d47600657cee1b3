import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TwoFactorMethod } from '@latchkey/contracts';
import { TimestampColumn } from '../database/column-types';

export const GLOBAL_SETTING_ID = 'global';

/** Installation-wide settings; one row, id 'global'. Layer 1's floor for every tenant. */
@Entity('platform_setting')
export class PlatformSetting {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Column({ name: 'floor_method', type: 'varchar', length: 16, nullable: true })
  floorMethod!: TwoFactorMethod | null;

  @Column({ name: 'floor_grace_days', type: 'integer', default: 0 })
  floorGraceDays!: number;

  @Column({ name: 'floor_set_by', type: 'varchar', length: 320, nullable: true })
  floorSetBy!: string | null;

  @TimestampColumn('floor_set_at', { nullable: true })
  floorSetAt!: Date | null;
}
