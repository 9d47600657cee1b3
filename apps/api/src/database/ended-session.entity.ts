import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SessionEndReason } from '@latchkey/contracts';
import { TimestampColumn } from './column-types';

/**
 * A session ended server-side, and why (a reset, an owner's "sign out now", a deactivation…):
 * the access guard reads it when a browser comes back with that session's cookie, so that the
 * person is told why they were sent to sign in. Kept a day (pruned with the expired sessions).
 */
@Entity('ended_session')
@Index('idx_ended_session_ended_at', ['endedAt'])
export class EndedSessionRow {
  /** The ended session's id (its cookie's value, unsigned). */
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  reason!: SessionEndReason;

  @TimestampColumn('ended_at')
  endedAt!: Date;
}
