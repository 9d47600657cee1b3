import { Global, Module } from '@nestjs/common';
import { FactorsModule } from '../factors/factors.module';
import { DirectoryService } from './directory.service';
import { IdentityIntake } from './identity-intake';

/** Tenants, identities, logins and user types; global because every room looks people up. */
@Global()
@Module({
  imports: [FactorsModule],
  providers: [DirectoryService, IdentityIntake],
  exports: [DirectoryService, IdentityIntake],
})
export class DirectoryModule {}
