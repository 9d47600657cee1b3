import { Module } from '@nestjs/common';
import { SessionsService } from './sessions.service';

/** Server-side sessions, revoked by the owners of the changes that end them. */
@Module({
  providers: [SessionsService],
  exports: [SessionsService],
})
export class DatabaseModule {}
