// The slow suite: tests that take minutes on a busy machine (hundreds of process kills; about 90 s on an idle
// 2-core machine, several minutes when other work shares it, hence the long timeout). `npm test` and CI run it
// after the main vitest suite; it stays out of `npx vitest run` so everyday checks stay quick.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/slow/**/*.test.ts'],
    environment: 'node',
    testTimeout: 900_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TRELLIS_LOG: 'silent' }
  }
})
