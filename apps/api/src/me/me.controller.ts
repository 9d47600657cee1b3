import { Controller, Get, Req, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { MeRoutes, type Me } from '@latchkey/contracts';
import { SignedInAny } from '../common/access.decorators';
import { DirectoryService } from '../directory/directory.service';

@ApiTags('me')
@Controller(MeRoutes.base)
export class MeController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @SignedInAny()
  @ApiOperation({ summary: 'Who am I' })
  async me(@Req() request: Request): Promise<Me> {
    const signIn = request.session.signIn;
    const me =
      signIn?.stage === 'signed-in' ? await this.directory.describe(signIn.identityId, signIn.loginId) : null;
    if (!me) throw new UnauthorizedException('Not signed in');
    return me;
  }
}
