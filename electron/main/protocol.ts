/**
 * The `app://trellis/` scheme that serves the built renderer (out/renderer) with the CSP and security headers.
 * A custom standard, secure scheme instead of file:// gives the page a real origin ('self' in the CSP means
 * only these files) and keeps file:// — and with it the rest of the disk — out of reach.
 */
import { readFile } from 'node:fs/promises'
import { protocol, type Session } from 'electron'
import { APP_SCHEME, SECURITY_HEADERS, contentTypeOf, resolveRendererFile } from './security/policy'

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true }
    }
  ])
}

export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405, headers: SECURITY_HEADERS })
    const file = resolveRendererFile(rendererDir, request.url)
    if (!file) return new Response(null, { status: 404, headers: SECURITY_HEADERS })
    try {
      const body = await readFile(file)
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) } })
    } catch {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS })
    }
  })
}
