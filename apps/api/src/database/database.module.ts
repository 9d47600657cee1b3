import { Global, Module } from '@nestjs/common';
import { SessionsService } from './sessions.service';

/**
 * Server-side sessions, revoked by the owners of the changes that end them. Global because the
 * access guard (provided by the app's root module) asks it why a session ended; the rooms that
 * revoke import it as well.
 */
@Global()
@Module({
  providers: [SessionsService],
  exports: [SessionsService],
})
export class DatabaseModule {}
