import { Column, Entity, ForeignKey, Index } from 'typeorm';
import type { ApplicationKind } from '@latchkey/contracts';
import { IdColumn, TimestampColumn } from '../database/column-types';
import { Tenant } from '../directory/tenant.entity';

/**
 * A tenant's application, an OpenID Connect client (DESIGN §10). The id is its client_id, unique
 * across the installation (one issuer). Lists are JSON in a text column on both databases.
 */
@Entity('application')
@Index('uq_application_tenant_name', ['tenantId', 'name'], { unique: true })
@ForeignKey(() => Tenant, ['tenantId'], ['id'], { name: 'fk_application_tenant', onDelete: 'CASCADE' })
export class Application {
  @IdColumn({ primary: true })
  id!: string;

  @IdColumn({ name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ApplicationKind;

  @Column({ name: 'redirect_uris', type: 'simple-json' })
  redirectUris!: string[];

  @Column({ name: 'post_logout_redirect_uris', type: 'simple-json' })
  postLogoutRedirectUris!: string[];

  /** null: every user type of the tenant. */
  @Column({ name: 'allowed_user_type_ids', type: 'simple-json', nullable: true })
  allowedUserTypeIds!: string[] | null;

  /** SHA-256 (hex) of the client secret of a confidential application; the secret is shown once. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 64, nullable: true })
  secretHash!: string | null;

  @TimestampColumn('secret_set_at', { nullable: true })
  secretSetAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 320 })
  createdBy!: string;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
