import { type ArgumentMetadata, applyDecorators, type PipeTransform, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { DomainError, ErrorCode } from './domain-error';

/** Largest value of a PostgreSQL `integer` (int4) column. */
export const INT4_MAX = 2_147_483_647;

export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only (the default); false also takes a decimal fraction such as 0.85. */
  integer?: boolean;
}

/** A version number: `integer` column, numbered from 1. */
export const VERSION_NUMBER: NumberRange = { min: 1, max: INT4_MAX };
/** A page of a listing; with at most 200 per page this reaches 200 million rows. */
export const PAGE_NUMBER: NumberRange = { min: 1, max: 1_000_000 };

const DIGITS = /^[0-9]{1,16}$/;
const DECIMAL = /^[0-9]{1,16}(\.[0-9]{1,16})?$/;

/**
 * The number `raw` stands for, or undefined when it is not one in range. A string must be decimal digits only (no
 * sign, space, hex, exponent, or fraction unless allowed): `Number()` would take " 2", "0x2" and "1e20". A JSON
 * number must be finite and, unless fractions are allowed, whole.
 */
export function parseStrictNumber(raw: unknown, range: NumberRange): number | undefined {
  const integer = range.integer ?? true;
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && (integer ? DIGITS : DECIMAL).test(raw)) n = Number(raw);
  else return undefined;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < range.min || n > range.max) return undefined;
  return n;
}

/** How a refusal reads: "`name` must be a whole number from 1 to 2147483647 (decimal digits only)". */
export function numberRule(name: string, range: NumberRange): string {
  const kind = (range.integer ?? true) ? 'a whole number' : 'a number';
  return `${name} must be ${kind} from ${range.min} to ${range.max} (decimal digits only)`;
}

/**
 * A route or query parameter parsed strictly; out of range or malformed → 400 validation_failed, the same rule for
 * every number the API takes (a path segment included: "version 0x2" is a malformed request, not a missing version).
 */
export class StrictNumberPipe implements PipeTransform<unknown, number | undefined> {
  constructor(
    private readonly range: NumberRange,
    private readonly optional = false,
  ) {}

  transform(value: unknown, meta: ArgumentMetadata): number | undefined {
    if (this.optional && value === undefined) return undefined;
    const n = parseStrictNumber(value, this.range);
    if (n === undefined) {
      const field = `${meta.type}.${meta.data ?? 'value'}`;
      throw new DomainError(ErrorCode.ValidationFailed, `${numberRule(meta.data ?? 'the value', this.range)}.`, {
        field,
      });
    }
    return n;
  }
}

/** `@Param('number', VersionNumberPipe)` */
export const VersionNumberPipe = new StrictNumberPipe(VERSION_NUMBER);

/**
 * The DTO counterpart of StrictNumberPipe, in place of `@Type(() => Number) @IsInt() @Min() @Max()`: a string of
 * digits (query strings, multipart fields) becomes a number, anything else stays as sent and fails validation.
 */
export function StrictNumber(range: NumberRange): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => parseStrictNumber(value, range) ?? value),
    ValidateBy({
      name: 'strictNumber',
      validator: {
        validate: (value) => parseStrictNumber(value, range) !== undefined,
        defaultMessage: (args) => numberRule(args?.property ?? 'value', range),
      },
    }),
  );
}

/**
 * The global ValidationPipe, minus its conversion of named route and query parameters typed `number` with `+value`
 * (which takes "0x2", " 2" and "1e20"): every number goes through StrictNumberPipe or @StrictNumber instead.
 */
export class StrictValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}
