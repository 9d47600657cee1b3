import { Column, Entity, Index } from 'typeorm';
import type { Language } from '@latchkey/contracts';
import { IdColumn, TimestampColumn } from '../database/column-types';

/**
 * An email and its password. One identity may hold several logins, in one tenant or several;
 * a super user's platform login is a login in the platform tenant.
 */
@Entity('identity')
@Index('uq_identity_email', ['email'], { unique: true })
// The Users search's trigram index on PostgreSQL (migration 1765000000000).
@Index('idx_identity_email_trgm', { synchronize: false })
export class Identity {
  @IdColumn({ primary: true })
  id!: string;

  /** Stored trimmed and lower-cased. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** argon2id, PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  /** The language the person chose (`LANGUAGES`); null until they choose. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: Language | null;
}
