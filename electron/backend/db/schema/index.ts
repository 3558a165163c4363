/**
 * The schema of one client file, one module per domain. Change it, then `npm run db:generate -- --name <what>`
 * to add a migration to resources/migrations (and a test of it against data of the previous shape).
 */
export * from './client'
export * from './partner'
export * from './journey'
export * from './workshop'
export * from './report'
