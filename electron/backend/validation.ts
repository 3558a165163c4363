/** Turns a zod failure into one human line that names the field: `Client name is too long (name)`. */
import type { z } from 'zod'

type Issue = z.core.$ZodIssue

/** The most telling issue: inside a union, the branch that came closest (fewest issues) is the one meant. */
function mainIssue(issues: readonly Issue[], prefix: PropertyKey[] = []): { issue: Issue; path: PropertyKey[] } | null {
  const issue = issues[0]
  if (!issue) return null
  // A union with its own message (`{ error: '…' }`) already says it best; zod's default says only "Invalid input".
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.message === 'Invalid input') {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]
    const inner = mainIssue(closest, [...prefix, ...issue.path])
    if (inner) return inner
  }
  return { issue, path: [...prefix, ...issue.path] }
}

export function describeValidation(error: z.ZodError): string {
  const found = mainIssue(error.issues)
  if (!found) return 'Invalid input'
  const where = found.path.length ? ` (${found.path.map(String).join('.')})` : ''
  // Messages may quote a key the caller sent: keep them short whatever was sent.
  const message = `${found.issue.message}${where}`
  return message.length > 300 ? `${message.slice(0, 300)}…` : message
}
