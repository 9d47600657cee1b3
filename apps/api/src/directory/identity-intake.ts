import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badField } from '../common/http-errors';
import { DirectoryService } from './directory.service';
import type { Identity } from './identity.entity';
import { PasswordHasher } from '../factors/password-hasher';

/** An identity about to get a new login: the one the email has, or one to create. */
export interface PreparedIdentity {
  existing: Identity | null;
  /** Generated when no password was chosen for a new email; shown once to whoever created it. */
  initialPassword: string | null;
  /** The identity, created inside the caller's transaction when it is new. */
  resolve(manager: EntityManager): Promise<Identity>;
}

/**
 * Where owners and super users bring people in. An email that already has a password keeps
 * it; a new one gets the chosen password or a generated one. Hashing happens before the
 * caller's transaction, so the transaction stays short.
 */
@Injectable()
export class IdentityIntake {
  constructor(
    private readonly directory: DirectoryService,
    private readonly hasher: PasswordHasher,
  ) {}

  async prepare(
    email: string,
    password: string | undefined,
    passwordField: string,
  ): Promise<PreparedIdentity> {
    const existing = await this.directory.findIdentityByEmail(email);
    if (existing) {
      if (password !== undefined) {
        throw badField(
          passwordField,
          `${passwordField} must be left empty: this email already has a password, which it keeps`,
        );
      }
      return { existing, initialPassword: null, resolve: async () => existing };
    }
    const initialPassword = password === undefined ? randomBytes(12).toString('base64url') : null;
    const passwordHash = await this.hasher.hash(password ?? (initialPassword as string));
    return {
      existing: null,
      initialPassword,
      resolve: (manager) => this.directory.createIdentity(email, passwordHash, manager),
    };
  }
}
