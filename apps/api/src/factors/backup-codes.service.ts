import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BACKUP_CODE_ALPHABET, BACKUP_CODE_COUNT } from '@latchkey/contracts';
import { PasswordHasher } from './password-hasher';
import { BackupCode } from './factor.entities';
import type { LoginKey } from '../directory/login-store';

/**
 * 10 random characters of the alphabet without look-alikes (31 characters, each drawn uniformly
 * by `randomInt`): over 49 bits. Codes made before it, in base32, keep their hashes and still work.
 */
function randomPart(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += BACKUP_CODE_ALPHABET[randomInt(BACKUP_CODE_ALPHABET.length)];
  return out;
}

/**
 * Ten single-use codes per login. A code reads `slot-xxxx-xxxx-xx`: the slot is not secret and
 * picks the row, so checking an attempt costs exactly one argon2id verification. Codes are
 * hashed in that form: a typed code is checked once normalised to it (`normaliseBackupCode`).
 */
@Injectable()
export class BackupCodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  /** A new set; the old set is void. Answers the codes, to be shown once. */
  async regenerate(tenantId: string, loginId: string, manager: EntityManager): Promise<string[]> {
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, (_, i) => {
      const r = randomPart();
      return `${i + 1}-${r.slice(0, 4)}-${r.slice(4, 8)}-${r.slice(8)}`;
    });
    const hashes = await Promise.all(codes.map((c) => this.hasher.hash(c)));
    await manager.delete(BackupCode, { tenantId, loginId });
    const now = new Date();
    await manager.insert(
      BackupCode,
      hashes.map((hash, i) => ({ tenantId, loginId, slot: i + 1, hash, usedAt: null, createdAt: now })),
    );
    return codes;
  }

  /** Checks a code without spending it: one argon2id verification on the row its slot names. */
  async check(tenantId: string, loginId: string, code: string): Promise<'valid' | 'invalid' | 'replayed'> {
    const row = await this.dataSource
      .getRepository(BackupCode)
      .findOneBy({ tenantId, loginId, slot: slotOf(code) });
    if (!row || !(await this.hasher.verify(row.hash, code))) return 'invalid';
    return row.usedAt ? 'replayed' : 'valid';
  }

  /**
   * Marks a checked code used, at most once also under parallel requests: false when another
   * request spent it first (the update that wins is the one use).
   */
  async spend(
    tenantId: string,
    loginId: string,
    slot: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(BackupCode)
      .set({ usedAt: new Date() })
      .where('tenant_id = :tenantId AND login_id = :loginId AND slot = :slot AND used_at IS NULL', {
        tenantId,
        loginId,
        slot,
      })
      .execute();
    return result.affected === 1;
  }

  remaining(
    tenantId: string,
    loginId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    return manager
      .getRepository(BackupCode)
      .createQueryBuilder('b')
      .where('b.tenant_id = :tenantId AND b.login_id = :loginId AND b.used_at IS NULL', { tenantId, loginId })
      .getCount();
  }

  /** The login's codes are void (an owner's reset). */
  async forgetLogin(login: LoginKey, manager: EntityManager): Promise<void> {
    await manager.delete(BackupCode, { tenantId: login.tenantId, loginId: login.loginId });
  }
}

/** The slot a code names: `3-abcd-efgh-ij` is slot 3. */
export function slotOf(code: string): number {
  return Number(code.split('-')[0]);
}
