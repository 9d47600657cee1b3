import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { assertValid } from '../common/validation';
import type { Identity } from '../directory/identity.entity';
import { LoginDto } from './sign-in.dto';
import { PasswordStep } from './password-step';

/** passport-local: email + password against argon2id, through the sign-in machine's password step. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly password: PasswordStep) {
    super({
      usernameField: 'email',
      passwordField: 'password',
      passReqToCallback: true,
      session: false,
    });
  }

  validate(request: Request, email: string, password: string): Promise<Identity> {
    return this.password.verify(email, password, request.ip ?? null);
  }
}

/**
 * Guards run before pipes, so the body is checked here with the global rules first: a bad
 * body answers 400 naming its fields instead of passport's bare 401.
 */
@Injectable()
export class PasswordGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    assertValid(LoginDto, context.switchToHttp().getRequest<Request>().body);
    return super.canActivate(context);
  }

  override getAuthenticateOptions() {
    return { session: false };
  }
}
