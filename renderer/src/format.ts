/** Counts and amounts as the screens show them: with thousands separators, and "1 partner", "2 partners". */

// One formatter: toLocaleString builds a new one per call, which cost more than the rest of a scroll frame.
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** A whole number with thousands separators. */
export const count = (n: number): string => wholeNumber.format(Math.round(n))

/** A count and its noun, singular for one. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`

const compactNumber = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

/** An amount short enough for a summary card: 143.9M, 85K, 950 (the exact figure belongs in a table or tooltip). */
export const compact = (n: number): string => compactNumber.format(n)
