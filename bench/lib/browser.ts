/** Debian's Chromium and the built web renderer, for the figures measured in a real browser. */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import type { BenchContext } from './context'

export const CHROMIUM = '/usr/bin/chromium'
// The launch flags that work as root on the build machines (shared TOOLCHAIN notes).
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

/** Why a browser figure cannot be measured here, or null when Chromium is installed. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium)`
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
}

/** The built web renderer (out/web), built first when missing. */
export function webBuild(ctx: BenchContext): string {
  const staticDir = join(ctx.root, 'out/web')
  if (!existsSync(join(staticDir, 'index.html'))) {
    ctx.log('out/web is missing: building the web renderer (npm run build:web)')
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ctx.root, stdio: 'inherit' })
  }
  return staticDir
}
