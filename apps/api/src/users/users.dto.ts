import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsObject,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  BULK_ACTIONS,
  ENROLMENT_STATES,
  MAX_BULK_LOGINS,
  TENANT_ROLES,
  TWO_FACTOR_METHODS,
  USER_SORTS,
  type BulkAction,
  type BulkRequest,
  type CreateLoginRequest,
  type EnrolmentState,
  type SetExceptionRequest,
  type TenantRole,
  type TwoFactorMethod,
  type UpdateLoginRequest,
  type UserFilter,
  type UserListQuery,
  type UserSort,
} from '@latchkey/contracts';
import { PageNumber, PageSize } from '../common/paging';
import { trimString } from '../common/text';

export const MAX_PAGE_SIZE = 100;
/** Query strings carry text: 'true' and 'false' become booleans, anything else stays and fails. */
const booleanFromQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The Users list's filters; the list adds sorting and paging, a bulk action takes them as they are. */
export class UserFilterDto implements UserFilter {
  @ApiPropertyOptional({ description: 'Part of a name or an email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) userTypeId?: string;

  @ApiPropertyOptional({ enum: TWO_FACTOR_METHODS })
  @IsOptional()
  @IsIn(TWO_FACTOR_METHODS, { message: `method must be one of ${TWO_FACTOR_METHODS.join(', ')}` })
  method?: TwoFactorMethod;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean({ message: 'enrolled must be true or false' })
  enrolled?: boolean;

  @ApiPropertyOptional({
    enum: ENROLMENT_STATES,
    description: 'Asked a factor it does not hold, and where it stands',
  })
  @IsOptional()
  @IsIn(ENROLMENT_STATES, { message: `enrolment must be one of ${ENROLMENT_STATES.join(', ')}` })
  enrolment?: EnrolmentState;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean({ message: 'locked must be true or false' })
  locked?: boolean;

  @ApiPropertyOptional({ description: 'true: logins that can sign in; false: deactivated ones' })
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ description: 'true: logins with an exception; false: without' })
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean({ message: 'exception must be true or false' })
  exception?: boolean;
}

export class UserListQueryDto extends UserFilterDto implements UserListQuery {
  @ApiPropertyOptional({ enum: USER_SORTS })
  @IsOptional()
  @IsIn(USER_SORTS, { message: `sort must be one of ${USER_SORTS.join(', ')}` })
  sort?: UserSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'direction must be asc or desc' })
  direction?: 'asc' | 'desc';

  @PageNumber() page?: number;

  @PageSize(MAX_PAGE_SIZE) pageSize?: number;
}

export class CreateLoginDto implements CreateLoginRequest {
  @ApiProperty({ example: 'new.person@acme.test' })
  @Transform(trimString)
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 200) displayName!: string;

  @ApiProperty() @IsString() @Length(1, 64) userTypeId!: string;

  @ApiPropertyOptional({ description: 'At least 12 characters; generated and answered once when absent' })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ enum: TENANT_ROLES })
  @IsOptional()
  @IsIn(TENANT_ROLES, { message: `role must be one of ${TENANT_ROLES.join(', ')}` })
  role?: TenantRole;
}

export class SetExceptionDto implements SetExceptionRequest {
  @ApiProperty({ enum: TWO_FACTOR_METHODS, nullable: true, description: 'null removes the exception' })
  @IsIn([...TWO_FACTOR_METHODS, null], {
    message: `method must be one of ${TWO_FACTOR_METHODS.join(', ')}, or null`,
  })
  method!: TwoFactorMethod | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() signOut?: boolean;
}

export class UpdateLoginDto implements UpdateLoginRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({
    description: "Another user type of this account; its policy applies from the login's next sign-in",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  userTypeId?: string;

  @ApiPropertyOptional({
    description:
      'false deactivates the login and signs it out everywhere, applications included; true reactivates it',
  })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

/** Optional, but never null: a null is checked, and refused, like any other wrong value. */
const IfSent = () => ValidateIf((_, value) => value !== undefined);

export class BulkRequestDto implements BulkRequest {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: `action must be one of ${BULK_ACTIONS.join(', ')}` })
  action!: BulkAction;

  @ApiPropertyOptional({ type: [String], description: `The selected logins (at most ${MAX_BULK_LOGINS})` })
  @IfSent()
  @IsArray()
  @ArrayNotEmpty({ message: 'loginIds must name at least one login' })
  @ArrayMaxSize(MAX_BULK_LOGINS, { message: `loginIds takes at most ${MAX_BULK_LOGINS} logins at once` })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  loginIds?: string[];

  @ApiPropertyOptional({ type: UserFilterDto, description: 'Every login the Users filters find' })
  @IfSent()
  @IsObject()
  @ValidateNested()
  @Type(() => UserFilterDto)
  filter?: UserFilterDto;

  @ApiPropertyOptional({ enum: TWO_FACTOR_METHODS, description: 'set-exception: its method' })
  @IfSent()
  @IsIn(TWO_FACTOR_METHODS, { message: `method must be one of ${TWO_FACTOR_METHODS.join(', ')}` })
  method?: TwoFactorMethod;

  @ApiPropertyOptional() @IfSent() @IsBoolean({ message: 'signOut must be true or false' }) signOut?: boolean;
}
