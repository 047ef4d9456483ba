export * from './common.js';
export * from './customers.js';
export * from './contacts.js';
export * from './proposals.js';
export * from './sessions.js';
export * from './profile.js';
export * from './audit.js';
export * from './settings.js';
