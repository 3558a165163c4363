/**
 * The Electron security checklist, asserted on the modules that define it (they import electron for types
 * only, so they load in plain Node): webPreferences, CSP, which URLs count as ours, which requests and links
 * pass, how app:// paths map to files, and the menu's dev-only items.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../electron/main/menu'
import { appPaths, vaultDirFrom } from '../../electron/main/paths'
import {
  APP_ENTRY_URL,
  CSP,
  CSP_DIRECTIVES,
  SECURITY_HEADERS,
  isAllowedExternal,
  isAllowedRequest,
  isOwnRendererUrl,
  isTrustedSender,
  resolveRendererFile,
  secureWebPreferences
} from '../../electron/main/security/policy'

const ROOT = resolve(__dirname, '../..')

describe('window webPreferences', () => {
  it('turns on every switch of the checklist', () => {
    const p = secureWebPreferences('/x/preload.js')
    expect(p).toMatchObject({
      preload: '/x/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false
    })
  })

  it('is what the window uses', () => {
    const src = readFileSync(join(ROOT, 'electron/main/window.ts'), 'utf8')
    expect(src).toMatch(/webPreferences: secureWebPreferences\(o\.preload\)/)
    expect(src).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true|webSecurity:\s*false/)
  })
})

describe('content security policy', () => {
  it('names no network origin and allows no script from anywhere but the app', () => {
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'")
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'")
    expect(CSP).not.toMatch(/https?:|wss?:|\*|'unsafe-eval'|'wasm-unsafe-eval'|'strict-dynamic'/)
    for (const d of ['object-src', 'frame-src', 'frame-ancestors', 'form-action', 'base-uri'])
      expect(CSP_DIRECTIVES[d]).toBe("'none'")
    // unsafe-inline only for styles (Radix injects <style>), never for scripts
    expect(Object.entries(CSP_DIRECTIVES).filter(([, v]) => v.includes('unsafe-inline')).map(([k]) => k)).toEqual(['style-src'])
  })

  it('is sent with every app:// response, with nosniff and isolation headers', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP)
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff')
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin')
    const src = readFileSync(join(ROOT, 'electron/main/protocol.ts'), 'utf8')
    const responses = src.split('\n').filter((l) => l.includes('new Response('))
    expect(responses.length).toBeGreaterThan(2)
    for (const l of responses) expect(l).toContain('SECURITY_HEADERS')
  })
})

describe('which URLs are ours', () => {
  it('accepts only app://trellis (and the dev server when given)', () => {
    expect(isOwnRendererUrl(APP_ENTRY_URL)).toBe(true)
    expect(isOwnRendererUrl('app://trellis/index.html#/client/x')).toBe(true)
    for (const u of ['app://evil/index.html', 'https://trellis/', 'file:///index.html', 'http://localhost:5173/', 'about:blank', '', undefined, 'not a url'])
      expect(isOwnRendererUrl(u)).toBe(false)
    expect(isOwnRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isOwnRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })

  it('trusts IPC only from the main frame of our window showing our page', () => {
    const good = { url: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true }
    expect(isTrustedSender(good)).toBe(true)
    expect(isTrustedSender({ ...good, isMainFrame: false })).toBe(false)
    expect(isTrustedSender({ ...good, isOurWindow: false })).toBe(false)
    expect(isTrustedSender({ ...good, url: 'https://example.invalid/' })).toBe(false)
    expect(isTrustedSender({ ...good, url: undefined })).toBe(false)
  })

  it('lets only app, data and devtools requests through', () => {
    for (const u of ['app://trellis/assets/a.js', 'data:image/png;base64,AA', 'devtools://devtools/bundled/x', 'blob:app://trellis/1234'])
      expect(isAllowedRequest(u), u).toBe(true)
    for (const u of ['https://example.invalid/', 'http://127.0.0.1:8080/', 'ws://127.0.0.1:1/', 'wss://x.invalid/', 'file:///etc/passwd', 'ftp://x.invalid/', 'app://other/x', 'blob:https://x.invalid/1', 'chrome-extension://abc/x'])
      expect(isAllowedRequest(u), u).toBe(false)
    // in development the dev server and its websocket only
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true)
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAllowedRequest('https://example.invalid/', 'http://localhost:5173')).toBe(false)
  })

  it('opens no external link (the allow-list is empty) and would accept only exact https origins', () => {
    expect(isAllowedExternal('https://example.invalid/page')).toBe(false)
    expect(isAllowedExternal('https://example.invalid/page', ['https://example.invalid'])).toBe(true)
    expect(isAllowedExternal('http://example.invalid/page', ['http://example.invalid'])).toBe(false)
    expect(isAllowedExternal('https://example.invalid.evil/x', ['https://example.invalid'])).toBe(false)
    expect(isAllowedExternal('javascript:alert(1)', ['https://example.invalid'])).toBe(false)
  })
})

describe('app:// file mapping', () => {
  const dir = '/opt/trellis/out/renderer'
  it('maps paths inside the renderer folder', () => {
    expect(resolveRendererFile(dir, 'app://trellis/')).toBe(`${dir}/index.html`)
    expect(resolveRendererFile(dir, 'app://trellis/index.html?x=1#y')).toBe(`${dir}/index.html`)
    expect(resolveRendererFile(dir, 'app://trellis/assets/index-abc.js')).toBe(`${dir}/assets/index-abc.js`)
  })
  it('never leaves it', () => {
    // The URL parser already folds plain and %2e dot segments: these stay inside the folder.
    for (const u of ['app://trellis/../../etc/passwd', 'app://trellis/%2e%2e/%2e%2e/etc/passwd'])
      expect(resolveRendererFile(dir, u)).toBe(`${dir}/etc/passwd`)
  })
  it('refuses encoded separators, NUL, bad escapes and other hosts', () => {
    for (const u of [
      'app://trellis/assets/..%2f..%2f..%2fsecret',
      'app://trellis/a%5c..%5c..%5csecret',
      'app://trellis/%00',
      'app://trellis/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd'
    ])
      expect(resolveRendererFile(dir, u), u).toBeNull()
  })
})

describe('menus', () => {
  const actions = { lockVault: () => {}, showDataFolder: () => {}, about: () => {} }
  const roles = (t: ReturnType<typeof menuTemplate>): string[] =>
    t.flatMap((m) => [String(m.role ?? m.label), ...(Array.isArray(m.submenu) ? roles(m.submenu) : [])])
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: reload and devtools only in development; quit, close and lock always`, () => {
      const prod = roles(menuTemplate({ platform, isDev: false, appName: 'Trellis', actions }))
      const dev = roles(menuTemplate({ platform, isDev: true, appName: 'Trellis', actions }))
      for (const r of ['reload', 'forceReload', 'toggleDevTools']) {
        expect(prod).not.toContain(r)
        expect(dev).toContain(r)
      }
      for (const r of ['quit', 'close', 'Lock Vault', 'copy', 'paste', 'undo', 'selectAll', 'minimize'])
        expect(prod).toContain(r)
      expect(prod[0]).toBe(platform === 'darwin' ? 'Trellis' : 'fileMenu')
    })
  }
})

describe('paths', () => {
  it('finds the vault like the CLI: --vault, then TRELLIS_VAULT, then <userData>/vault', () => {
    expect(vaultDirFrom(['electron', '.', '--vault', '/v1'], {}, '/ud', '/cwd')).toBe('/v1')
    expect(vaultDirFrom(['electron', '.', '--vault=rel'], { TRELLIS_VAULT: '/v2' }, '/ud', '/cwd')).toBe('/cwd/rel')
    expect(vaultDirFrom(['electron', '.'], { TRELLIS_VAULT: '/v2' }, '/ud', '/cwd')).toBe('/v2')
    expect(vaultDirFrom(['electron', '.'], {}, '/ud', '/cwd')).toBe('/ud/vault')
  })
  it('passes process.resourcesPath to the backend only when packaged', () => {
    const f = { mainDir: '/app/out/main', resourcesPath: '/res', userData: '/ud', argv: [], env: {}, cwd: '/' }
    expect(appPaths({ ...f, isPackaged: true })).toMatchObject({
      resourcesDir: '/res',
      preload: '/app/out/preload/index.js',
      rendererDir: '/app/out/renderer',
      backendEntry: '/app/out/main/backend.js'
    })
    expect(appPaths({ ...f, isPackaged: false }).resourcesDir).toBeUndefined()
  })
})

describe('modules tested here never load electron at run time', () => {
  const files = [
    'electron/main/security/policy.ts',
    'electron/main/menu.ts',
    'electron/main/paths.ts',
    'electron/main/router.ts',
    'electron/main/keychain.ts',
    'electron/main/deviceHandlers.ts',
    'electron/main/settings.ts',
    'electron/backend/rpc/client.ts',
    'electron/backend/rpc/server.ts',
    'electron/backend/entry.utility.ts'
  ]
  for (const f of files)
    it(f, () => {
      const src = readFileSync(join(ROOT, f), 'utf8')
      const imports = src.match(/^import .* from '[^']+'/gm) ?? []
      for (const line of imports.filter((l) => /from 'electron'/.test(l))) expect(line).toMatch(/^import type /)
      expect(src).not.toMatch(/require\(['"]electron['"]\)/)
    })
})
