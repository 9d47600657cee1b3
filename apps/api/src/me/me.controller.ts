import { Body, Controller, Get, Put, Req, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { MeRoutes, type Me } from '@latchkey/contracts';
import { SignedInAny } from '../common/access.decorators';
import { DirectoryService } from '../directory/directory.service';
import { SetLanguageDto } from './me.dto';

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

  @Put(MeRoutes.language)
  @SignedInAny()
  @ApiOperation({ summary: 'Keep my language (for every login of mine, and my mails)' })
  setLanguage(@Req() request: Request, @Body() dto: SetLanguageDto): Promise<Me> {
    const signIn = request.session.signIn;
    if (signIn?.stage !== 'signed-in') throw new UnauthorizedException('Not signed in');
    return this.directory.setLanguage(signIn.identityId, signIn.loginId, dto.language);
  }
}
