/** Number and date formatting for reports: fixed English conventions, so a report reads the same on any machine. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** 2026-11-23 → 23 November 2026 */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`
}

/** 2026-11-23 → 23 Nov 2026 */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1].slice(0, 3)} ${m[1]}`
}

export function pct(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  return `${(x * 100).toFixed(digits)} %`
}

/** 1234567 USD → USD 1.2M */
export function money(x: number, currency: string): string {
  const a = Math.abs(x)
  const s = a >= 1e9 ? `${(x / 1e9).toFixed(1)}B` : a >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : a >= 1e4 ? `${Math.round(x / 1e3)}k` : a >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : `${Math.round(x)}`
  return `${currency} ${s}`
}

export function score(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : x.toFixed(1)
}

export function signed(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—'
  const r = Math.round(x * 10) / 10
  return r > 0 ? `+${r.toFixed(1)}` : r < 0 ? `−${Math.abs(r).toFixed(1)}` : '0.0'
}

export function plural(k: number, one: string, many = `${one}s`): string {
  return `${k} ${k === 1 ? one : many}`
}

/** Quarter label of a day: 2026-11-23 → Q4 2026 */
export function quarterOf(iso: string): { label: string; from: string; to: string } {
  const y = Number(iso.slice(0, 4))
  const q = Math.floor((Number(iso.slice(5, 7)) - 1) / 3)
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`
  const endMonth = q * 3 + 3
  const lastDay = new Date(Date.UTC(y, endMonth, 0)).getUTCDate()
  return { label: `Q${q + 1} ${y}`, from, to: `${y}-${String(endMonth).padStart(2, '0')}-${lastDay}` }
}

/** The next-90-days lede (HTML and Markdown): the window, and how many late actions head the list. */
export function actionsLede(from: string, to: string, overdue: number): string {
  const late = overdue === 0 ? '' : overdue === 1 ? ' One overdue action comes first.' : ` The ${overdue} overdue actions come first.`
  return `What happens between ${shortDate(from)} and ${shortDate(to)}, and who does it.${late}`
}
