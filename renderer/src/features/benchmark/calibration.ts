import { useEffect, useState } from 'react'
import { MILESTONE_KINDS, MILESTONE_KIND_KEYS, type MilestoneKind } from '../../../../shared/domain/journey'
import { api } from '../../api'

/**
 * Usual days per milestone kind as the realism warnings use them: calibrated by other programs where at least five
 * clients have done milestones of the kind (after a benchmark run), else the practitioners' default.
 */
export function useUsualDays(): Record<MilestoneKind, number | null> {
  const defaults = Object.fromEntries(MILESTONE_KIND_KEYS.map((k) => [k, MILESTONE_KINDS[k].usualDays])) as Record<MilestoneKind, number | null>
  const [usual, setUsual] = useState(defaults)
  useEffect(() => {
    let live = true
    api
      .call('benchmark.calibration', {})
      .then((c) => live && setUsual((u) => ({ ...u, ...c.calibrated })))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])
  return usual
}
