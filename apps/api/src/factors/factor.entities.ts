import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TIMESTAMP } from '../database/column-types';
import { Login } from '../directory/login.entity';

/** An authenticator app on one phone. Active once `confirmedAt` is set; the secret is encrypted. */
@Entity('totp_device')
@Index('idx_totp_device_login', ['tenantId', 'loginId'])
@ForeignKey(() => Login, ['tenantId', 'loginId'], ['tenantId', 'id'], {
  name: 'fk_totp_device_login',
  onDelete: 'CASCADE',
})
export class TotpDevice {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: ID_LENGTH })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  @Column({ name: 'login_id', type: 'varchar', length: ID_LENGTH })
  loginId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'secret_enc', type: 'varchar', length: 255 })
  secretEnc!: string;

  @Column({ name: 'confirmed_at', type: TIMESTAMP, nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: TIMESTAMP, nullable: true })
  lastUsedAt!: Date | null;

  /** While pending: the sign-in flow or profile session that started it; only it may confirm it. */
  @Column({ name: 'enrolment_flow', type: 'varchar', length: ID_LENGTH, nullable: true })
  enrolmentFlow?: string | null;
}

/** A (device, time step) that has been accepted once: the key refuses it a second time. */
@Entity('totp_used_step')
@ForeignKey(() => TotpDevice, ['tenantId', 'deviceId'], ['tenantId', 'id'], {
  name: 'fk_totp_used_step_device',
  onDelete: 'CASCADE',
})
export class TotpUsedStep {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: ID_LENGTH })
  tenantId!: string;

  @PrimaryColumn({ name: 'device_id', type: 'varchar', length: ID_LENGTH })
  deviceId!: string;

  @PrimaryColumn({ type: 'bigint' })
  step!: string;

  @Column({ name: 'used_at', type: TIMESTAMP })
  usedAt!: Date;
}

/** A browser that may skip the code until `expiresAt`; only the token's SHA-256 is kept. */
@Entity('remembered_browser')
@Index('idx_remembered_browser_login', ['tenantId', 'loginId'])
@ForeignKey(() => Login, ['tenantId', 'loginId'], ['tenantId', 'id'], {
  name: 'fk_remembered_browser_login',
  onDelete: 'CASCADE',
})
export class RememberedBrowser {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: ID_LENGTH })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id!: string;

  @Column({ name: 'login_id', type: 'varchar', length: ID_LENGTH })
  loginId!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: TIMESTAMP })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;
}

/** One of a login's ten backup codes, argon2id-hashed; its slot is the non-secret part of the code. */
@Entity('backup_code')
@ForeignKey(() => Login, ['tenantId', 'loginId'], ['tenantId', 'id'], {
  name: 'fk_backup_code_login',
  onDelete: 'CASCADE',
})
export class BackupCode {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: ID_LENGTH })
  tenantId!: string;

  @PrimaryColumn({ name: 'login_id', type: 'varchar', length: ID_LENGTH })
  loginId!: string;

  @PrimaryColumn({ type: 'integer' })
  slot!: number;

  @Column({ type: 'varchar', length: 255 })
  hash!: string;

  @Column({ name: 'used_at', type: TIMESTAMP, nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt!: Date;
}
