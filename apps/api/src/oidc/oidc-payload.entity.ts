import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/column-types';

/**
 * What the OpenID provider keeps (authorization codes, grants, sessions, interactions, tokens),
 * one row per model instance, so that every API process shares them. `kind` is the provider's
 * model name; the payload is its JSON.
 */
@Entity('oidc_payload')
@Index('idx_oidc_payload_grant', ['grantId'])
@Index('idx_oidc_payload_uid', ['kind', 'uid'])
@Index('idx_oidc_payload_account', ['accountId'])
export class OidcPayloadRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'grant_id', type: 'varchar', length: 255, nullable: true })
  grantId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  uid!: string | null;

  @Column({ name: 'user_code', type: 'varchar', length: 255, nullable: true })
  userCode!: string | null;

  /** The login (the token's `sub`) a grant, session or token belongs to. */
  @Column({ name: 'account_id', type: 'varchar', length: 255, nullable: true })
  accountId!: string | null;

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt!: Date | null;
}
