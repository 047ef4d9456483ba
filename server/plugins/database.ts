import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, Dialect } from '../db/database.js';
import type { DB } from '../db/schema.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    dialect: Dialect;
  }
}

/** Makes the database available to routes and closes it with the app. */
export const databasePlugin = fp<{ database: Database }>(
  async (app, { database }) => {
    app.decorate('db', database.db);
    app.decorate('dialect', database.dialect);
    app.addHook('onClose', async () => {
      await database.db.destroy();
    });
  },
  { name: 'database' },
);
