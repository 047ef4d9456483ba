import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';

export const Customer = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: Timestamp,
});
export type Customer = Static<typeof Customer>;

export const CreateCustomer = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type CreateCustomer = Static<typeof CreateCustomer>;

export const CustomerParams = Type.Object({ customerId: Id });
