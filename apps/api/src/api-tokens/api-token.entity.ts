import { Column, Entity, ForeignKey, Index } from 'typeorm';
import type { ApiTokenScope } from '@latchkey/contracts';
import { IdColumn, TimestampColumn } from '../database/column-types';
import { Tenant } from '../directory/tenant.entity';

/**
 * A tenant API token (DESIGN §10, Provisioning): the vendor's back end calls the owner routes of
 * its tenant with it, within its scopes. Only the SHA-256 (hex) of the token is kept; a revoked
 * token keeps its row, so that the list and the audit log can still name it.
 */
@Entity('api_token')
@Index('uq_api_token_secret_hash', ['secretHash'], { unique: true })
@Index('idx_api_token_tenant', ['tenantId', 'createdAt'])
@ForeignKey(() => Tenant, ['tenantId'], ['id'], { name: 'fk_api_token_tenant', onDelete: 'CASCADE' })
export class ApiToken {
  @IdColumn({ primary: true })
  id!: string;

  @IdColumn({ name: 'tenant_id' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** JSON text on both databases. */
  @Column({ type: 'simple-json' })
  scopes!: ApiTokenScope[];

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  /** The login of the owner who made it. */
  @IdColumn({ name: 'created_by' })
  createdBy!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt!: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;

  @TimestampColumn('last_used_at', { nullable: true })
  lastUsedAt!: Date | null;
}
