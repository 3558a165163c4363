/**
 * Code-splitting for screens: the first screen (unlock) must paint without downloading and parsing every feature,
 * so each feature section, area and the unlocked shell load on demand. `preload` starts the download early (e.g.
 * while the user types the passphrase) so the switch itself does not wait.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react'

export interface LazyScreen<P extends object> {
  component: LazyExoticComponent<ComponentType<P>>
  preload: () => Promise<unknown>
}

/** `lazyScreen(() => import('./x/XSection'), 'XSection')`: the named export becomes a lazily loaded component. */
export function lazyScreen<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K
): LazyScreen<P> {
  let pending: Promise<{ default: ComponentType<P> }> | null = null
  const preload = () => (pending ??= load().then((m) => ({ default: m[name] })))
  return { component: lazy(preload), preload }
}

/** Where a lazily loaded screen renders: a quiet busy placeholder while its code arrives (usually a few ms). */
export function ScreenBoundary({ children }: { children: React.ReactNode }): React.JSX.Element {
  return <Suspense fallback={<div className="loading" aria-busy="true" />}>{children}</Suspense>
}
