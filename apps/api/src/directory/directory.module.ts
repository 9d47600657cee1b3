import { Global, Module } from '@nestjs/common';
import { FactorsModule } from '../factors/factors.module';
import { DirectoryService } from './directory.service';
import { IdentityIntake } from './identity-intake';
import { LoginStore } from './login-store';
import { LoginTally } from './login-tally';
import { TenantStore } from './tenant-store';

/**
 * Tenants, identities, logins and user types, and the writers of their tables
 * (`LoginStore`, `TenantStore`);
 * global because every room looks people up.
 */
@Global()
@Module({
  imports: [FactorsModule],
  providers: [DirectoryService, IdentityIntake, LoginStore, LoginTally, TenantStore],
  exports: [DirectoryService, IdentityIntake, LoginStore, LoginTally, TenantStore],
})
export class DirectoryModule {}
