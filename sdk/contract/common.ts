import { Type, type Static, type TSchema } from 'typebox';

/** A prefixed random identifier such as `prop_k3…`; unknown or foreign ids answer 404. */
export const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[a-z0-9]+$' });

/** An ISO-8601 UTC timestamp, e.g. `2026-11-25T10:00:00.000Z`. */
export const Timestamp = Type.String({ format: 'date-time' });

/** ISO 4217 currency code in upper case. */
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });

/** An amount of money in integer minor units (cents for USD) and its currency. */
export const Money = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, maximum: 999_999_999_999 }),
    currency: Currency,
  },
  { additionalProperties: false },
);
export type Money = Static<typeof Money>;

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

/** One page of a keyset-paginated list; pass `nextCursor` back as `cursor` for the next page. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** RFC 9457 problem details with a stable machine-readable `code`. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  ),
});
export type Problem = Static<typeof Problem>;

export const ProblemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  429: Problem,
};
