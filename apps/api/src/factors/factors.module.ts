import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AuthenticatorService } from './authenticator.service';
import { BackupCodesService } from './backup-codes.service';
import { FactorsController } from './factors.controller';
import { SecondFactorService } from './second-factor.service';
import { SecretBox } from './secret-box';

@Module({
  imports: [AuthModule],
  controllers: [FactorsController],
  providers: [SecondFactorService, AuthenticatorService, BackupCodesService, SecretBox],
  exports: [SecondFactorService, AuthenticatorService, BackupCodesService],
})
export class FactorsModule {}
