import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { FactorsModule } from '../factors/factors.module';
import { PlatformController } from './platform.controller';
import { LockedLoginsService } from './locked-logins.service';
import { PlatformService } from './platform.service';

@Module({
  imports: [DatabaseModule, FactorsModule],
  controllers: [PlatformController],
  providers: [PlatformService, LockedLoginsService],
})
export class PlatformModule {}
