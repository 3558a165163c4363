/** The portfolio filter's matching, apart from the table so it can be tested alone. */

/**
 * Which rows a filter text matches, as ascending indices into the rows the texts were made from. Typing extends
 * the text, so only the rows of the most selective earlier text it contains are searched (a row containing the
 * text contains every part of it); erasing returns to a text asked before, answered from the cache.
 */
export function createMatcher(texts: readonly string[]): (query: string) => Int32Array | null {
  const cache = new Map<string, Int32Array>()
  return (query) => {
    if (!query) return null
    const hit = cache.get(query)
    if (hit) return hit
    let from: Int32Array | null = null
    for (const [k, v] of cache) if ((!from || v.length < from.length) && query.includes(k)) from = v
    const out: number[] = []
    if (from) {
      for (const i of from) if (texts[i].includes(query)) out.push(i)
    } else for (let i = 0; i < texts.length; i++) if (texts[i].includes(query)) out.push(i)
    const found = Int32Array.from(out)
    if (cache.size >= 64) cache.delete(cache.keys().next().value!)
    cache.set(query, found)
    return found
  }
}
