import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimestampColumn } from '../database/column-types';
import { Login } from '../directory/login.entity';

/** An authenticator app on one phone. Active once `confirmedAt` is set; the secret is encrypted. */
@Entity('totp_device')
@Index('idx_totp_device_login', ['tenantId', 'loginId'])
@ForeignKey(() => Login, ['tenantId', 'loginId'], ['tenantId', 'id'], {
  name: 'fk_totp_device_login',
  onDelete: 'CASCADE',
})
export class TotpDevice {
  @IdColumn({ name: 'tenant_id', primary: true })
  tenantId!: string;

  @IdColumn({ primary: true })
  id!: string;

  @IdColumn({ name: 'login_id' })
  loginId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'secret_enc', type: 'varchar', length: 255 })
  secretEnc!: string;

  @TimestampColumn('confirmed_at', { nullable: true })
  confirmedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('last_used_at', { nullable: true })
  lastUsedAt!: Date | null;

  /** While pending: the sign-in flow or profile session that started it; only it may confirm it. */
  @IdColumn({ name: 'enrolment_flow', nullable: true })
  enrolmentFlow?: string | null;
}

/** A (device, time step) that has been accepted once: the key refuses it a second time. */
@Entity('totp_used_step')
@ForeignKey(() => TotpDevice, ['tenantId', 'deviceId'], ['tenantId', 'id'], {
  name: 'fk_totp_used_step_device',
  onDelete: 'CASCADE',
})
export class TotpUsedStep {
  @IdColumn({ name: 'tenant_id', primary: true })
  tenantId!: string;

  @IdColumn({ name: 'device_id', primary: true })
  deviceId!: string;

  @PrimaryColumn({ type: 'bigint' })
  step!: string;

  @TimestampColumn('used_at')
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
  @IdColumn({ name: 'tenant_id', primary: true })
  tenantId!: string;

  @IdColumn({ primary: true })
  id!: string;

  @IdColumn({ name: 'login_id' })
  loginId!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

/** One of a login's ten backup codes, argon2id-hashed; its slot is the non-secret part of the code. */
@Entity('backup_code')
@ForeignKey(() => Login, ['tenantId', 'loginId'], ['tenantId', 'id'], {
  name: 'fk_backup_code_login',
  onDelete: 'CASCADE',
})
export class BackupCode {
  @IdColumn({ name: 'tenant_id', primary: true })
  tenantId!: string;

  @IdColumn({ name: 'login_id', primary: true })
  loginId!: string;

  @PrimaryColumn({ type: 'integer' })
  slot!: number;

  @Column({ type: 'varchar', length: 255 })
  hash!: string;

  @TimestampColumn('used_at', { nullable: true })
  usedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
