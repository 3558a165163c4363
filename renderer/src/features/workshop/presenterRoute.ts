/** Reads the presenter route from the URL fragment; null when this window is not a presenter window. */
export function presenterRoute(hash: string): { clientId: string; assessmentId: string } | null {
  const m = /(?:^#|&)presenter=(c_[a-z2-7]{16})\.(a_[a-z0-9]{12})/.exec(hash)
  return m ? { clientId: m[1], assessmentId: m[2] } : null
}
