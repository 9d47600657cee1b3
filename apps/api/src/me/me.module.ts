import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { FactorsModule } from '../factors/factors.module';
import { MeSecurityController } from './me-security.controller';
import { MeSecurityService } from './me-security.service';
import { MeController } from './me.controller';

@Module({
  imports: [DatabaseModule, FactorsModule],
  controllers: [MeController, MeSecurityController],
  providers: [MeSecurityService],
})
export class MeModule {}
