// Lint enforces the layering from the architecture guide: renderer and shared never import electron or Node,
// the backend never imports electron, main never imports the renderer. tests/unit/layering.test.ts checks it too.
import tseslint from 'typescript-eslint'

const NODE_MODULES = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'util', 'worker_threads', 'net', 'http', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'ws']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.reports/**', 'resources/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', ...NODE_MODULES, 'react', 'react-dom', '**/electron/**', '**/renderer/**'], message: 'shared/ imports only shared/ (and zod).' }] }]
    }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', ...NODE_MODULES, '**/electron/**'], message: 'The renderer imports only shared/ and browser libraries; it talks to the backend through src/api.' }] }]
    }
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', '**/renderer/**', '**/main/**', '**/preload/**'], message: 'The backend runs in plain Node: no electron, no renderer.' }] }]
    }
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'Main never imports the renderer.' }] }]
    }
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...NODE_MODULES, '**/backend/**', '**/main/**', '**/renderer/**'], message: 'The preload holds no logic: electron and the channel list only.' }] }]
    }
  }
)
