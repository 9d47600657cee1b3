import { Global, Module } from '@nestjs/common';
import { SessionsService } from '../database/sessions.service';
import { PolicyContextService } from './policy-context';
import { PolicyController } from './policy.controller';
import { PolicyService } from './policy.service';

@Global()
@Module({
  controllers: [PolicyController],
  providers: [PolicyContextService, PolicyService, SessionsService],
  exports: [PolicyContextService, PolicyService, SessionsService],
})
export class PolicyModule {}
