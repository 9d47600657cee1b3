import { Global, Module } from '@nestjs/common';
import { RememberedBrowsers } from '../auth/remembered-browsers';
import { SessionsService } from '../database/sessions.service';
import { PolicyContextService } from './policy-context';
import { PolicyPreviewService } from './policy-preview.service';
import { PolicyController } from './policy.controller';
import { PolicyService } from './policy.service';

@Global()
@Module({
  controllers: [PolicyController],
  providers: [PolicyContextService, PolicyService, PolicyPreviewService, SessionsService, RememberedBrowsers],
  exports: [PolicyContextService, PolicyService, SessionsService, RememberedBrowsers],
})
export class PolicyModule {}
