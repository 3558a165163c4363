/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** `ws` in the browser build (loopback harness); unset in the Electron build. */
  readonly VITE_TRANSPORT?: 'ws' | 'electron'
}
