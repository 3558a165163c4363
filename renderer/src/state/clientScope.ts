/**
 * Privacy rule: one client's data must never show in another client's screen. Every store that holds
 * client data registers a reset here; the workspace calls them all before it loads the next client, and the
 * vault calls them on lock. Feature stores: `registerClientScopedReset(() => useMyStore.setState(initial))`.
 */
const resets = new Set<() => void>()

export function registerClientScopedReset(reset: () => void): () => void {
  resets.add(reset)
  return () => resets.delete(reset)
}

export function clearClientScopedState(): void {
  for (const reset of resets) reset()
}
