/**
 * Browser build of the renderer (`npm run build:web` → out/web), served by the loopback harness
 * (electron/backend/harness/server.ts) for development and the e2e-web suite. Same code as the Electron
 * renderer; only the transport (VITE_TRANSPORT=ws) and the CSP's connect-src differ.
 */
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const root = import.meta.dirname

function harnessCsp(serve: boolean): Plugin {
  return {
    name: 'trellis-harness-csp',
    transformIndexHtml(html) {
      let out = html.replace("connect-src 'none'", 'connect-src ws://127.0.0.1:*')
      // Dev server only: React Fast Refresh needs one inline preamble script.
      if (serve) out = out.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      return out
    }
  }
}

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  plugins: [react(), harnessCsp(command === 'serve')],
  define: { 'import.meta.env.VITE_TRANSPORT': JSON.stringify('ws') },
  build: {
    outDir: `${root}/../out/web`,
    emptyOutDir: true,
    sourcemap: true
  }
}))
