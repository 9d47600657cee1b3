import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { FactorsModule } from '../factors/factors.module';
import { PolicyContextService } from './policy-context';
import { PolicyPreviewService } from './policy-preview.service';
import { PolicyController } from './policy.controller';
import { PolicyService } from './policy.service';

/** The tenant's policy layers; global because every room resolves a login's method with it. */
@Global()
@Module({
  imports: [FactorsModule, DatabaseModule],
  controllers: [PolicyController],
  providers: [PolicyContextService, PolicyService, PolicyPreviewService],
  exports: [PolicyContextService, PolicyService],
})
export class PolicyModule {}
