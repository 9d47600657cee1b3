import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TwoFactorMethod } from '@latchkey/contracts';
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
