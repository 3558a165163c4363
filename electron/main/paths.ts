/** Where things are, in development and in the packaged app. No electron import: main passes its facts in. */
import { isAbsolute, join, resolve } from 'node:path'

export interface AppFacts {
  /** The folder of the built main bundle (`out/main`, inside app.asar when packaged). */
  mainDir: string
  isPackaged: boolean
  /** `process.resourcesPath` (holds `migrations/` in the packaged app). */
  resourcesPath: string
  userData: string
  argv: readonly string[]
  env: NodeJS.ProcessEnv
  cwd: string
}

export interface AppPaths {
  preload: string
  rendererDir: string
  backendEntry: string
  /** Passed to the backend; undefined lets it find the repository's resources/ in development. */
  resourcesDir: string | undefined
  vaultDir: string
}

/** `--vault DIR`, `--vault=DIR`, then `TRELLIS_VAULT`, then `<userData>/vault` (the CLI uses the same rule). */
export function vaultDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string, cwd: string): string {
  let v: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--vault' && argv[i + 1]) v = argv[i + 1]
    else if (a.startsWith('--vault=')) v = a.slice('--vault='.length)
  }
  v ??= env.TRELLIS_VAULT || undefined
  if (!v) return join(userData, 'vault')
  return isAbsolute(v) ? v : resolve(cwd, v)
}

export function appPaths(f: AppFacts): AppPaths {
  return {
    preload: join(f.mainDir, '../preload/index.js'),
    rendererDir: join(f.mainDir, '../renderer'),
    backendEntry: join(f.mainDir, 'backend.js'),
    resourcesDir: f.isPackaged ? f.resourcesPath : undefined,
    vaultDir: vaultDirFrom(f.argv, f.env, f.userData, f.cwd)
  }
}
