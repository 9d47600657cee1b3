import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './column-types';

/**
 * Password failures per email, known or not: the key is a keyed hash of the normalised email,
 * so an unknown email waits exactly like a known one and the table names nobody.
 */
@Entity('password_throttle')
export class PasswordThrottleRow {
  @PrimaryColumn({ name: 'email_key', type: 'varchar', length: 64 })
  emailKey!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @TimestampColumn('wait_until', { nullable: true })
  waitUntil!: Date | null;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
