import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TIMESTAMP } from '../database/column-types';

/**
 * An email and its password. One identity may hold several logins, in one tenant or several;
 * a super user's platform login is a login in the platform tenant.
 */
@Entity('identity')
@Index('uq_identity_email', ['email'], { unique: true })
export class Identity {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  /** Stored trimmed and lower-cased. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** argon2id, PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;
}
