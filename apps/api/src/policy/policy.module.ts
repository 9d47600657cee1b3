import { Global, Module } from '@nestjs/common';
import { RememberedBrowsers } from '../auth/remembered-browsers';
import { SessionsService } from '../database/sessions.service';
import { PolicyContextService } from './policy-context';
import { PolicyController } from './policy.controller';
import { PolicyService } from './policy.service';

@Global()
@Module({
  controllers: [PolicyController],
  providers: [PolicyContextService, PolicyService, SessionsService, RememberedBrowsers],
  exports: [PolicyContextService, PolicyService, SessionsService, RememberedBrowsers],
})
export class PolicyModule {}
