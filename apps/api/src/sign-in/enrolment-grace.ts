import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Login } from '../directory/login.entity';
import { keyOf, LoginStore } from '../directory/login-store';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Grace periods that hold. The first sign-in under a requirement the login has not met
 * starts the clock and stores a deadline on the login. Later sign-ins, a policy toggled off
 * and on, or a new user type never move it out; a shorter grace pulls it in at once.
 */
@Injectable()
export class EnrolmentGraceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly logins: LoginStore,
  ) {}

  /** Until when enrolment may still be postponed; null when it must happen now. */
  async deadline(
    login: Login,
    graceDays: number,
    now = new Date(),
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Date | null> {
    let started = login.graceStartedAt ?? null;
    let stored = login.enrolDeadline ?? null;
    if (!started || !stored) {
      if (graceDays <= 0) return null;
      // Only the first writer sets the clock; a parallel sign-in reads what it wrote.
      await this.logins.startGrace(keyOf(login), now, new Date(now.getTime() + graceDays * DAY_MS), manager);
      const fresh = await manager
        .getRepository(Login)
        .findOneByOrFail({ tenantId: login.tenantId, id: login.id });
      started = fresh.graceStartedAt ?? now;
      stored = fresh.enrolDeadline ?? now;
    }
    const until = Math.min(stored.getTime(), started.getTime() + graceDays * DAY_MS);
    return until > now.getTime() ? new Date(until) : null;
  }
}
