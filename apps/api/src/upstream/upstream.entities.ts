import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { UpstreamTrustMode } from '@latchkey/contracts';
import { IdColumn, TimestampColumn } from '../database/column-types';
import { Identity } from '../directory/identity.entity';
import { Tenant } from '../directory/tenant.entity';

/**
 * A tenant's own OpenID provider (DESIGN §11): where to send the browser, the client Latchkey is
 * there (its secret sealed like TOTP secrets, never shown again), the email domains routed to it,
 * who may use it, and how far its MFA is trusted. Lists are JSON text on both databases.
 */
@Entity('upstream_connection')
@Index('uq_upstream_connection_tenant_name', ['tenantId', 'name'], { unique: true })
@ForeignKey(() => Tenant, ['tenantId'], ['id'], {
  name: 'fk_upstream_connection_tenant',
  onDelete: 'CASCADE',
})
export class UpstreamConnection {
  @IdColumn({ primary: true })
  id!: string;

  @IdColumn({ name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 2000 })
  issuer!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 255 })
  clientId!: string;

  /** The client secret, sealed (AES-256-GCM, bound to the connection's id). */
  @Column({ name: 'client_secret_sealed', type: 'text' })
  clientSecretSealed!: string;

  @Column({ type: 'simple-json' })
  scopes!: string[];

  @Column({ name: 'email_domains', type: 'simple-json' })
  emailDomains!: string[];

  /** null: every user type of the tenant. */
  @Column({ name: 'allowed_user_type_ids', type: 'simple-json', nullable: true })
  allowedUserTypeIds!: string[] | null;

  @Column({ name: 'trust_mode', type: 'varchar', length: 16 })
  trustMode!: UpstreamTrustMode;

  @Column({ name: 'trust_amr', type: 'simple-json' })
  trustAmr!: string[];

  @Column({ name: 'trust_acr', type: 'simple-json' })
  trustAcr!: string[];

  @Column({ name: 'trust_max_age_seconds', type: 'integer', nullable: true })
  trustMaxAgeSeconds!: number | null;

  @IdColumn({ name: 'jit_user_type_id', nullable: true })
  jitUserTypeId!: string | null;

  @Column({ name: 'password_allowed', type: 'boolean', default: true })
  passwordAllowed!: boolean;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 320 })
  createdBy!: string;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

/**
 * An identity's account at an upstream provider, by (issuer, subject): matched by a verified email
 * the first time, by this link afterwards — an email claim can change hands, a subject cannot.
 */
@Entity('upstream_link')
@Index('idx_upstream_link_identity', ['identityId'])
@ForeignKey(() => Identity, ['identityId'], ['id'], {
  name: 'fk_upstream_link_identity',
  onDelete: 'CASCADE',
})
export class UpstreamLink {
  @PrimaryColumn({ type: 'varchar', length: 2000 })
  issuer!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  subject!: string;

  @IdColumn({ name: 'identity_id' })
  identityId!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
