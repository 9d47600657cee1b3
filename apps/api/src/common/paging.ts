import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A whole number from the query string between 1 and `max`, optional. */
function QueryCount(max: number) {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}

/** `page` of a paged list, 1-based. */
export const PageNumber = () => QueryCount(1_000_000);

/** `pageSize` of a paged list, at most `max`. */
export const PageSize = (max: number) => QueryCount(max);
