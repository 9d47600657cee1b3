import { Global, Module } from '@nestjs/common';
import { FactorsModule } from '../factors/factors.module';
import { DirectoryService } from './directory.service';
import { IdentityIntake } from './identity-intake';
import { LoginStore } from './login-store';

/**
 * Tenants, identities, logins and user types, and the login table's one writer (`LoginStore`);
 * global because every room looks people up.
 */
@Global()
@Module({
  imports: [FactorsModule],
  providers: [DirectoryService, IdentityIntake, LoginStore],
  exports: [DirectoryService, IdentityIntake, LoginStore],
})
export class DirectoryModule {}
