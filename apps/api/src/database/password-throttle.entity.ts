import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from './column-types';

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

  @Column({ name: 'wait_until', type: TIMESTAMP, nullable: true })
  waitUntil!: Date | null;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt!: Date;
}
