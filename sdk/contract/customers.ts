import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

export const Customer = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: Timestamp,
});
export type Customer = Static<typeof Customer>;

export const CreateCustomer = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false, examples: [{ name: 'Northwind Traders' }] },
);
export type CreateCustomer = Static<typeof CreateCustomer>;

export const CustomerParams = Type.Object({ customerId: Id });

export const customerEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/customers',
    operationId: 'listCustomers',
    summary: 'List customers',
    surface: 'workspace',
    permission: 'customers.read',
    query: PageQuery,
    status: 200,
    response: Page(Customer),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/customers',
    operationId: 'createCustomer',
    summary: 'Create a customer',
    surface: 'workspace',
    permission: 'customers.write',
    body: CreateCustomer,
    status: 201,
    response: Customer,
  }),
};
