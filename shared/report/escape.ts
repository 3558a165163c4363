/** Text from a client file becomes HTML text or attribute values only through here. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** A Markdown table cell: one line, pipes escaped, other Markdown left alone (the text is the client's). */
export function mdCell(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

/** Markdown text outside tables: a leading `#`, `>` or list marker would change the structure. */
export function mdText(s: string | null | undefined): string {
  return String(s ?? '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^(\s*)([#>*+-]|\d+\.)(\s)/, '$1\\$2$3'))
    .join('\n')
}
