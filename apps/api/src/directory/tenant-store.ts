import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TwoFactorMethod } from '@latchkey/contracts';
import { Login } from './login.entity';
import { Tenant } from './tenant.entity';
import { UserType } from './user-type.entity';

/** A floor: the method every login of the tenant must use at least, and its grace. */
export interface FloorChange {
  method: TwoFactorMethod | null;
  graceDays: number;
  /** Who set it (an email), now. */
  by: string;
}

/** A user type's policy (layer 3); `rememberDays` left out stays as it is. */
export interface UserTypePolicyChange {
  method: TwoFactorMethod;
  graceDays: number;
  rememberDays?: number;
  by: string;
}

/** The one-time code switches an owner sets. */
export type TenantSwitch = 'handoverEnabled' | 'enrolmentInviteRequired';

/**
 * The one writer of the `tenant` and `user_type` tables: the platform's switches and floor,
 * the owner's floor and switches, user types and their policies. Each write joins the caller's
 * transaction (its audit event goes with it).
 */
@Injectable()
export class TenantStore {
  async insertTenant(tenant: Tenant, manager: EntityManager): Promise<void> {
    await manager.insert(Tenant, tenant);
  }

  async insertUserType(userType: UserType, manager: EntityManager): Promise<void> {
    await manager.insert(UserType, userType);
  }

  // --- the platform's (layers 0 and 1) ---

  async setTwoFactorEnabled(tenantId: string, enabled: boolean, manager: EntityManager): Promise<void> {
    await manager.update(Tenant, { id: tenantId }, { twoFactorEnabled: enabled });
  }

  async setPlatformFloor(tenantId: string, floor: FloorChange, manager: EntityManager): Promise<void> {
    await manager.update(
      Tenant,
      { id: tenantId },
      {
        platformFloorMethod: floor.method,
        platformFloorGraceDays: floor.graceDays,
        platformFloorSetBy: floor.by,
        platformFloorSetAt: new Date(),
      },
    );
  }

  async setSuspended(tenantId: string, suspendedAt: Date | null, manager: EntityManager): Promise<void> {
    await manager.update(Tenant, { id: tenantId }, { suspendedAt });
  }

  // --- the owner's (layers 2 and 3) ---

  async setFloor(tenantId: string, floor: FloorChange, manager: EntityManager): Promise<void> {
    await manager.update(
      Tenant,
      { id: tenantId },
      {
        floorMethod: floor.method,
        floorGraceDays: floor.graceDays,
        floorSetBy: floor.by,
        floorSetAt: new Date(),
      },
    );
  }

  async setSwitch(tenantId: string, key: TenantSwitch, value: boolean, manager: EntityManager): Promise<void> {
    await manager.update(Tenant, { id: tenantId }, { [key]: value });
  }

  /**
   * Takes the tenant row's lock for the rest of the transaction on PostgreSQL, so that decisions
   * about the tenant as a whole (that an active owner remains) are made one at a time. `NO KEY`:
   * a login or user type being inserted meanwhile (which only shares the key) is not held up.
   * SQLite runs each statement alone: there the conditional write that follows decides.
   */
  async lock(tenantId: string, manager: EntityManager): Promise<void> {
    if (manager.connection.driver.options.type !== 'postgres') return;
    await manager.query('SELECT 1 FROM tenant WHERE id = $1 FOR NO KEY UPDATE', [tenantId]);
  }

  /**
   * Removes a user type, in ONE conditional write, only while no login has it. Answers whether it
   * was removed (a login of the type keeps it; the foreign key refuses one added meanwhile).
   */
  async deleteUserType(tenantId: string, userTypeId: string, manager: EntityManager): Promise<boolean> {
    const logins = manager
      .createQueryBuilder()
      .subQuery()
      .select('1')
      .from(Login, 'l')
      .where('l.tenant_id = :tenantId AND l.user_type_id = :userTypeId')
      .getQuery();
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(UserType)
      .where(`tenant_id = :tenantId AND id = :userTypeId AND NOT EXISTS ${logins}`, { tenantId, userTypeId })
      .execute();
    return result.affected === 1;
  }

  async renameUserType(tenantId: string, userTypeId: string, name: string, manager: EntityManager): Promise<void> {
    await manager.update(UserType, { tenantId, id: userTypeId }, { name });
  }

  /** Writes the policy; answers the columns written (for the caller's view of the row). */
  async setUserTypePolicy(
    tenantId: string,
    userTypeId: string,
    change: UserTypePolicyChange,
    manager: EntityManager,
  ): Promise<Partial<UserType>> {
    const written: Partial<UserType> = {
      method: change.method,
      graceDays: change.graceDays,
      ...(change.rememberDays === undefined ? {} : { rememberDays: change.rememberDays }),
      policySetBy: change.by,
      policySetAt: new Date(),
    };
    await manager.update(UserType, { tenantId, id: userTypeId }, written);
    return written;
  }
}
