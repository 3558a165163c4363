/**
 * The report as one self-contained HTML document: inline CSS (screen and print), inline SVG charts, images as data
 * URIs, and a Content-Security-Policy that forbids every network request. The same string is the live preview in
 * the app, the HTML export, and the source of the PDF (Chromium prints it with the CSS `@page` rules below, so the
 * app's print path and the headless one produce the same pages: margins, page numbers, confidentiality line).
 */
import { barChart, isDark, palette, percentileStrip, radarChart, shade, stackedBar, stageStrip, STATUS_WORDS, statusColour, timelineChart, trendChart, type Palette, type TimelineRow } from './charts'
import { esc } from './escape'
import { actionsLede, longDate, score, shortDate, signed } from './format'
import { SECTION_LABELS, type ReportModel, type SectionKey } from './model'

/** Page geometry per paper size (mm). */
export const PAPER_SIZES = { a4: { w: 210, h: 297, css: 'A4' }, letter: { w: 215.9, h: 279.4, css: 'letter' } } as const

/** A CSS string literal: quotes, backslashes, line breaks and `<` escaped so nothing can end the string or the style. */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`
}

const LEVELS = ['Initial', 'Developing', 'Defined', 'Managed', 'Optimized']
const levelOf = (s: number | null) => (s === null ? '—' : LEVELS[Math.min(4, Math.max(0, Math.round(s)))])

export interface HtmlOptions {
  /** Adds a marker class the app's preview uses to show page edges; not used for exports. */
  preview?: boolean
}

export function renderHtml(m: ReportModel, opts: HtmlOptions = {}): string {
  const p = palette(m.branding.accent)
  const body: string[] = []
  let number = 0
  for (const key of m.sections) {
    const html = renderSection(key, m, p, key === 'cover' ? 0 : number + 1)
    if (!html) continue
    if (key !== 'cover') number++
    body.push(html)
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Trellis">
<title>${esc(m.title)} — ${esc(m.client.name)}</title>
<style>${css(m, p)}</style>
</head>
<body class="paper-${m.paper}${opts.preview ? ' preview' : ''}">
<main class="report">
${body.join('\n')}
</main>
</body>
</html>
`
}

function renderSection(key: SectionKey, m: ReportModel, p: Palette, num: number): string | null {
  switch (key) {
    case 'cover':
      return cover(m, p)
    case 'summary':
      return summary(m, num)
    case 'journey':
      return m.journey ? journey(m, p, num) : null
    case 'roadmap':
      return m.roadmap ? roadmap(m, p, num) : null
    case 'maturity':
      return m.maturity ? maturity(m, p, num) : null
    case 'learning':
      return m.learning ? learning(m, num) : null
    case 'portfolio':
      return m.portfolio ? portfolio(m, p, num) : null
    case 'benchmark':
      return m.benchmark ? benchmark(m, p, num) : null
    case 'actions':
      return m.actions ? actions(m, num) : null
  }
}

function head(key: SectionKey, num: number, lede?: string): string {
  return `<header class="sec-head"><div class="kicker">${String(num).padStart(2, '0')}</div><h1>${esc(SECTION_LABELS[key])}</h1>${lede ? `<p class="lede">${lede}</p>` : ''}</header>`
}

function section(key: SectionKey, inner: string): string {
  return `<section class="sec" id="sec-${key}" data-section="${key}">${inner}</section>`
}

/**
 * A titled table. A short one of one-line rows (up to SHORT_TABLE_ROWS) moves to the next page whole rather than
 * leaving its heading and a few rows at the foot of a page; any other breaks between rows (see the table rules in
 * the CSS: at least two rows on each side of a break).
 */
const SHORT_TABLE_ROWS = 12
function titledTable(title: string, table: string, rows: number, opts: { tallRows?: boolean } = {}): string {
  const inner = `<h2>${esc(title)}</h2>${table}`
  return !opts.tallRows && rows <= SHORT_TABLE_ROWS ? `<div class="keep">${inner}</div>` : inner
}

function img(src: string | null, cls: string, alt: string): string {
  return src ? `<img class="${cls}" src="${esc(src)}" alt="${esc(alt)}">` : ''
}

// ---------------------------------------------------------------- cover

function cover(m: ReportModel, p: Palette): string {
  const onAccent = isDark(p.accent) ? '#ffffff' : p.ink
  const deco = `<svg class="cover-deco" viewBox="0 0 400 400" aria-hidden="true">${[190, 150, 110, 70]
    .map((r, i) => `<circle cx="330" cy="70" r="${r}" fill="none" stroke="${onAccent}" stroke-opacity="${0.1 + i * 0.04}" stroke-width="${18 - i * 3}"/>`)
    .join('')}</svg>`
  const firm = m.branding.firmLogo
    ? img(m.branding.firmLogo, 'firm-logo', m.branding.firmName)
    : `<div class="firm-word">${esc(m.branding.firmName)}</div>`
  return `<section class="cover" id="sec-cover" data-section="cover">
<div class="cover-band" style="color:${onAccent}">
${deco}
<div class="cover-top">${firm}</div>
<div class="cover-title">
<div class="cover-eyebrow">${esc(m.title)}</div>
<div class="cover-client">${esc(m.client.name)}</div>
<div class="cover-date">${esc(longDate(m.asOf))}</div>
</div>
</div>
<div class="cover-foot">
<div class="cover-left">${m.client.logo ? `<div class="cover-client-logo">${img(m.client.logo, 'client-logo', m.client.name)}</div>` : ''}${toc(m)}</div>
<dl class="cover-meta">
<div><dt>Prepared for</dt><dd>${esc(m.client.name)}</dd></div>
<div><dt>Prepared by</dt><dd>${esc([m.branding.preparedBy, m.branding.firmName].filter(Boolean).join(', '))}</dd></div>
<div><dt>Date</dt><dd>${esc(longDate(m.asOf))}</dd></div>
</dl>
<p class="cover-conf">${esc(m.confidentiality)}</p>
</div>
</section>`
}

function toc(m: ReportModel): string {
  const keys = m.sections.filter((k) => k !== 'cover')
  if (!keys.length) return ''
  return `<div class="toc"><div class="toc-head">In this report</div><ol>${keys.map((k, i) => `<li><span>${String(i + 1).padStart(2, '0')}</span>${esc(SECTION_LABELS[k])}</li>`).join('')}</ol></div>`
}

// ---------------------------------------------------------------- summary

function factTiles(facts: ReportModel['summary']['facts']): string {
  return `<div class="facts">${facts
    .map((f) => `<div class="fact"><div class="fact-value">${esc(f.value)}</div><div class="fact-label">${esc(f.label)}</div><div class="fact-note">${esc(f.note)}</div></div>`)
    .join('')}</div>`
}

function summary(m: ReportModel, num: number): string {
  const text = m.summary.text.trim()
  const paras = text
    ? text
        .split(/\n\s*\n/)
        .map((t, i) => `<p${i === 0 ? ' class="first"' : ''}>${esc(t.trim()).replace(/\n/g, '<br>')}</p>`)
        .join('')
    : `<ul class="draft">${m.summary.draft.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`
  return section('summary', `${head('summary', num)}<div class="summary-text">${paras}</div><h2>Key facts</h2>${factTiles(m.summary.facts)}`)
}

// ---------------------------------------------------------------- journey

function journey(m: ReportModel, p: Palette, num: number): string {
  const j = m.journey!
  const current = j.stages.find((s) => s.gate === 'active') ?? null
  const lede = current
    ? `The program is in stage ${current.position + 1}, <strong>${esc(current.name)}</strong>, of the ${esc(j.templateName)} journey begun ${esc(longDate(j.startedOn))}.`
    : `The ${esc(j.templateName)} journey began ${esc(longDate(j.startedOn))}.`
  const strip = `<figure class="fig">${stageStrip(
    j.stages.map((s) => ({ name: s.name, gate: s.gate, met: s.criteriaMet, total: s.criteriaTotal })),
    p
  )}</figure>`
  const now = current
    ? `<div class="two">
<div class="keep"><h2>Objectives of ${esc(current.name)}</h2><ul class="ticks">${current.objectives.map((o) => `<li>${esc(o)}</li>`).join('') || '<li class="muted">No objectives recorded.</li>'}</ul></div>
<div class="keep"><h2>Still to meet before moving on</h2><ul class="open">${current.openCriteria.map((o) => `<li>${esc(o)}</li>`).join('') || '<li class="muted">Every exit criterion is met: ready to move on.</li>'}</ul></div>
</div>`
    : ''
  const rows = j.stages
    .map(
      (s) => `<tr><td class="nowrap"><span class="num">${s.position + 1}</span> ${esc(s.name)}</td><td><span class="pill gate-${s.gate}">${s.gate === 'completed' ? 'Completed' : s.gate === 'active' ? 'In progress' : 'Not started'}</span></td><td class="r">${s.criteriaMet} / ${s.criteriaTotal}</td><td class="r">${s.milestonesDone} / ${s.milestonesTotal}</td><td>${esc(s.completedAt ? `Completed ${shortDate(s.completedAt)}` : s.startedAt ? `Started ${shortDate(s.startedAt)}` : '—')}${s.completionReason ? `<div class="note">Moved on with open criteria: ${esc(s.completionReason)}</div>` : ''}</td></tr>`
    )
    .join('')
  return section(
    'journey',
    `${head('journey', num, lede)}${strip}${now}${titledTable('All stages', `<table class="t"><thead><tr><th>Stage</th><th>Status</th><th class="r">Exit criteria met</th><th class="r">Milestones done</th><th>Dates</th></tr></thead><tbody>${rows}</tbody></table>`, j.stages.length)}`
  )
}

// ---------------------------------------------------------------- roadmap

const TIMELINE_ROWS_PER_FIGURE = 26

function roadmap(m: ReportModel, p: Palette, num: number): string {
  const r = m.roadmap!
  const rows: TimelineRow[] = []
  let stage = ''
  for (const it of r.items) {
    if (it.stage !== stage) {
      rows.push({ kind: 'stage', label: it.stage })
      stage = it.stage
    }
    rows.push({ kind: 'item', label: it.title, start: it.start, end: it.end, status: it.status, overdue: it.overdue })
  }
  // Long roadmaps become several figures so that none is cut by a page break; a stage label is repeated on top.
  const figs: string[] = []
  for (let i = 0; i < rows.length; ) {
    let chunk = rows.slice(i, i + TIMELINE_ROWS_PER_FIGURE)
    if (chunk[chunk.length - 1]?.kind === 'stage') chunk = chunk.slice(0, -1)
    if (chunk[0].kind !== 'stage') {
      const prev = [...rows.slice(0, i)].reverse().find((x) => x.kind === 'stage')
      if (prev) chunk = [{ ...prev, label: `${prev.label} (continued)` }, ...chunk.slice(0, TIMELINE_ROWS_PER_FIGURE - 1)]
    }
    const consumed = chunk.filter((x) => !x.label.endsWith('(continued)') || x.kind !== 'stage').length
    figs.push(`<figure class="fig timeline">${timelineChart(chunk, r, p)}</figure>`)
    i += Math.max(1, consumed)
  }
  const legend = `<div class="legend">${(['done', 'in_progress', 'planned', 'blocked'] as const)
    .map((s) => {
      const c = statusColour(s, p)
      return `<span><i style="background:${c.fill};border-color:${c.stroke}"></i>${STATUS_WORDS[s]}</span>`
    })
    .join('')}<span><i class="dot"></i>Overdue</span></div>`
  const lede = `${r.items.length ? `${r.items.length} milestone${r.items.length === 1 ? '' : 's'}` : 'No milestones'} planned between ${esc(shortDate(r.from))} and ${esc(shortDate(r.to))}.`
  const table = r.items.length
    ? `${titledTable(
        'Milestones and owners',
        `<table class="t"><thead><tr><th>Milestone</th><th>Stage</th><th>Owner</th><th>Dates</th><th>Status</th></tr></thead><tbody>${r.items
          .map(
            (it) =>
              `<tr><td>${esc(it.title)}</td><td>${esc(it.stage)}</td><td>${esc(it.owner)}</td><td class="nowrap">${esc(shortDate(it.start))} – ${esc(shortDate(it.end))}</td><td><span class="pill st-${it.status}">${STATUS_WORDS[it.status]}</span>${it.overdue ? ' <span class="pill overdue">Overdue</span>' : ''}</td></tr>`
          )
          .join('')}</tbody></table>`,
        r.items.length
      )}${r.more ? `<p class="note">${r.more} more milestones in this window are in the roadmap.</p>` : ''}`
    : ''
  return section('roadmap', `${head('roadmap', num, lede)}${legend}${figs.join('')}${table}`)
}

// ---------------------------------------------------------------- maturity

function maturity(m: ReportModel, p: Palette, num: number): string {
  const x = m.maturity!
  const d = x.previous && x.overall !== null && x.previous.overall !== null ? x.overall - x.previous.overall : null
  const lede = `From the assessment workshop “${esc(x.title)}” held ${esc(longDate(x.heldOn))}${x.previous ? `, compared with “${esc(x.previous.title)}” (${esc(shortDate(x.previous.heldOn))})` : ''}. Scores run from 0 (initial) to 4 (optimized).`
  const big = `<div class="score-side"><div class="score-big"><span>${esc(score(x.overall))}</span><small>/ 4</small></div><div class="score-words"><div class="score-level">${esc(levelOf(x.overall))}</div><div class="muted">Overall maturity (mean of the dimensions)</div>${d !== null ? `<div class="delta ${d > 0 ? 'up' : d < 0 ? 'down' : ''}">${esc(signed(d))} since ${esc(shortDate(x.previous!.heldOn))}</div>` : ''}</div>${x.trend.length > 1 ? `<div class="score-trend">${trendChart(x.trend, p)}</div>` : ''}</div>`
  const radar = `<figure class="fig radar">${radarChart(
    x.rows.map((r) => r.dimension),
    { label: x.title, values: x.rows.map((r) => r.score) },
    x.previous ? { label: x.previous.title, values: x.rows.map((r) => r.previous) } : null,
    p
  )}<figcaption><span class="sw acc"></span>${esc(shortDate(x.heldOn))}${x.previous ? `<span class="sw prev"></span>${esc(shortDate(x.previous.heldOn))}` : ''}</figcaption></figure>`
  const rows = x.rows
    .map(
      (r) =>
        `<tr><td>${esc(r.dimension)}</td><td class="r strong">${esc(score(r.score))}</td><td><span class="meter"><i style="width:${((r.score ?? 0) / 4) * 100}%"></i></span> ${esc(levelOf(r.score))}</td>${x.previous ? `<td class="r">${esc(score(r.previous))}</td><td class="r delta ${r.delta && r.delta > 0 ? 'up' : r.delta && r.delta < 0 ? 'down' : ''}">${esc(signed(r.delta))}</td>` : ''}</tr>`
    )
    .join('')
  return section(
    'maturity',
    `${head('maturity', num, lede)}<div class="score-row">${radar}${big}</div>${titledTable('Per dimension', `<table class="t compact"><thead><tr><th>Dimension</th><th class="r">Score</th><th>Level</th>${x.previous ? '<th class="r">Before</th><th class="r">Change</th>' : ''}</tr></thead><tbody>${rows}</tbody></table>`, x.rows.length)}`
  )
}

// ---------------------------------------------------------------- learning

function learning(m: ReportModel, num: number): string {
  const l = m.learning!
  const lede = `${l.decided.length} hypothes${l.decided.length === 1 ? 'is' : 'es'} decided${l.decidedPerQuarter !== null ? ` (${l.decidedPerQuarter.toFixed(1)} per quarter)` : ''}; ${l.testing.length} being tested or next in line.`
  const cards = l.decided.length
    ? `<div class="cards">${l.decided
        .map(
          (h) => `<article class="card">
<div class="card-top"><span class="pill dec-${esc(h.status.toLowerCase())}">${esc(h.status)}</span>${h.decision ? `<span class="pill plain">Decision: ${esc(h.decision)}</span>` : ''}<span class="card-date">${esc(shortDate(h.decidedAt))}</span></div>
<p class="belief">We believed ${esc(lowerFirst(h.belief))}</p>
${h.observed ? `<p><b>We observed</b> ${esc(h.observed)}</p>` : ''}${h.learned ? `<p><b>We learned</b> ${esc(h.learned)}</p>` : ''}${h.therefore ? `<p><b>Therefore we will</b> ${esc(h.therefore)}</p>` : ''}
</article>`
        )
        .join('')}</div>`
    : '<p class="muted">No hypothesis has reached a decision yet.</p>'
  const testing = l.testing.length
    ? titledTable(
        'What we test next',
        `<table class="t testing"><colgroup><col class="w-belief"><col class="w-imp"><col class="w-ev"><col class="w-right"><col class="w-owner"></colgroup><thead><tr><th>We believe</th><th class="r">Importance</th><th>Evidence so far</th><th>We are right if</th><th>Owner · due</th></tr></thead><tbody>${l.testing
          .map(
            (h) =>
              `<tr><td>${esc(h.belief)}<div class="note">${esc(h.category)} · ${esc(h.status)}</div></td><td class="r nowrap">${'●'.repeat(h.importance)}<span class="dim">${'●'.repeat(5 - h.importance)}</span></td><td>${esc(h.evidence)}</td><td>${esc(h.rightIf || h.measure || '—')}</td><td>${ownerDue(h.owner, h.due)}</td></tr>`
          )
          .join('')}</tbody></table>`,
        l.testing.length,
        { tallRows: true }
      )
    : ''
  return section('learning', `${head('learning', num, lede)}<h2>What we learned</h2>${cards}${testing}`)
}

/** Owner over due date (either may be missing): the date never squeezes the owner's name onto two lines. */
function ownerDue(owner: string | null, due: string | null): string {
  if (owner && due) return `${esc(owner)}<div class="note nowrap">due ${esc(shortDate(due))}</div>`
  return owner ? esc(owner) : due ? `<span class="nowrap">due ${esc(shortDate(due))}</span>` : '—'
}

function lowerFirst(s: string): string {
  const t = s.trim().replace(/^we believe( that)?\s+/i, '')
  return t ? t[0].toLowerCase() + t.slice(1) : t
}

// ---------------------------------------------------------------- portfolio

const BAND_COLOURS = { green: '#2f855a', amber: '#d69e2e', red: '#c53030', unknown: '#c5ccd4' } as const

function portfolio(m: ReportModel, p: Palette, num: number): string {
  const x = m.portfolio!
  const lede = `${x.partnerCount} partner${x.partnerCount === 1 ? '' : 's'} in the portfolio. Pipeline figures in ${esc(x.currency)}.`
  const stages = barChart(
    x.byStage.map((s) => ({ label: s.stage, value: s.count })),
    p,
    { title: 'Partners by lifecycle stage', width: 330 }
  )
  const health = stackedBar(
    x.health.map((h) => ({ label: h.label, value: h.count, colour: BAND_COLOURS[h.band] })),
    p,
    'Partners by health'
  )
  const top = x.topPartners.length
    ? titledTable(
        'Top partners by sourced pipeline',
        `<table class="t"><thead><tr><th>Partner</th><th>Type · tier</th><th>Stage</th><th class="r">Sourced</th><th class="r">Influenced</th><th class="r">Health</th></tr></thead><tbody>${x.topPartners
        .map(
          (t) =>
            `<tr><td class="strong">${esc(t.name)}</td><td>${esc([t.type, t.tier].filter(Boolean).join(' · '))}</td><td>${esc(t.stage)}</td><td class="r">${esc(moneyShort(t.sourced, x.currency))}</td><td class="r">${esc(moneyShort(t.influenced, x.currency))}</td><td class="r">${t.health === null ? '—' : `<span class="hb ${t.health >= 70 ? 'green' : t.health >= 40 ? 'amber' : 'red'}">${t.health}</span>`}</td></tr>`
        )
        .join('')}</tbody></table>`,
        x.topPartners.length
      )
    : ''
  const risks = x.risks.length
    ? titledTable(
        'Open risks',
        `<table class="t"><thead><tr><th>Severity</th><th>Partner</th><th>Risk</th><th>Raised</th></tr></thead><tbody>${x.risks
        .map(
          (r) =>
            `<tr><td><span class="pill sev-${r.severity}">${esc(r.severity)}</span></td><td>${esc(r.partner)}</td><td>${esc(r.kind)}${r.description ? `<div class="note">${esc(r.description)}</div>` : ''}</td><td class="nowrap">${esc(shortDate(r.raisedAt))}</td></tr>`
        )
        .join('')}</tbody></table>`,
        x.risks.length
      )
    : ''
  const warnings = x.warnings.length
    ? `<div class="keep"><h2>Early warnings</h2><ul class="warnings">${x.warnings.map((w) => `<li><b>${w.count}</b> ${esc(w.label)}</li>`).join('')}</ul></div>`
    : ''
  return section(
    'portfolio',
    `${head('portfolio', num, lede)}${factTiles(x.facts)}<div class="two"><div class="keep"><h2>Partners by stage</h2>${stages}</div>${warnings}</div><div class="keep"><h2>Partner health</h2>${health}</div>${top}${risks}`
  )
}

function moneyShort(v: number, cur: string): string {
  if (!v) return '—'
  const a = Math.abs(v)
  return a >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : a >= 1e3 ? `${Math.round(v / 1e3)}k` : String(Math.round(v)) + (cur ? '' : '')
}

// ---------------------------------------------------------------- benchmark

function benchmark(m: ReportModel, p: Palette, num: number): string {
  const b = m.benchmark!
  const rows = b.metrics
    .map((x) =>
      x.suppressed || !x.raw
        ? `<tr><td class="strong">${esc(x.label)}${x.hint ? `<div class="note">${esc(x.hint)}</div>` : ''}</td><td class="r">${esc(x.value)}</td><td colspan="2" class="muted">Not enough peers to compare (fewer than 5 in the cohort).</td></tr>`
        : `<tr><td class="strong">${esc(x.label)}${x.hint ? `<div class="note">${esc(x.hint)}</div>` : ''}</td><td class="r strong">${esc(x.value)}</td><td>${percentileStrip(x.raw, p, { p25: x.p25, median: x.median, p75: x.p75, value: x.value })}</td><td class="r pct">${x.percentile === null ? '—' : `<b>${Math.round(x.percentile)}</b><span class="muted">th</span>`}<div class="note">median ${esc(x.median)}</div><div class="note">${x.cohort} peers</div></td></tr>`
    )
    .join('')
  return section(
    'benchmark',
    `${head('benchmark', num, esc(b.cohortLabel))}<table class="t bench"><thead><tr><th>Measure</th><th class="r">This program</th><th>Peers: 25th–75th percentile, median, this program</th><th class="r">Percentile</th></tr></thead><tbody>${rows}</tbody></table><p class="note">${esc(b.note)}</p>`
  )
}

// ---------------------------------------------------------------- actions

function actions(m: ReportModel, num: number): string {
  const a = m.actions!
  const lede = esc(actionsLede(a.from, a.to, a.items.filter((x) => x.overdue).length))
  const rows = a.items
    .map(
      (x) =>
        `<tr${x.overdue ? ' class="late"' : ''}><td class="nowrap">${esc(x.due ? shortDate(x.due) : '—')}${x.overdue ? '<div class="note warn">overdue</div>' : ''}</td><td>${esc(x.what)}</td><td class="nowrap">${esc(x.owner)}</td><td><span class="pill src">${esc(x.source)}</span></td></tr>`
    )
    .join('')
  return section(
    'actions',
    `${head('actions', num, lede)}${a.items.length ? `<table class="t"><thead><tr><th>Due</th><th>Action</th><th>Owner</th><th>From</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">No open actions in the next 90 days.</p>'}${a.more ? `<p class="note">${a.more} further actions are tracked in the workspace.</p>` : ''}`
  )
}

// ---------------------------------------------------------------- styles

function css(m: ReportModel, p: Palette): string {
  const size = PAPER_SIZES[m.paper]
  const conf = cssString(m.confidentiality)
  const firm = cssString(m.branding.firmName)
  const client = cssString(m.client.name)
  const onAccent = isDark(p.accent) ? '#ffffff' : p.ink
  return `
@page { size: ${size.css}; margin: 20mm 17mm 19mm 17mm;
  @top-left { content: ${firm}; font: 700 7.5pt "Liberation Sans", Arial, sans-serif; letter-spacing: 0.08em; text-transform: uppercase; color: ${p.accent}; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${client}; font: 7.5pt "Liberation Sans", Arial, sans-serif; color: ${p.muted}; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-left { content: ${conf}; font: 7pt "Liberation Sans", Arial, sans-serif; color: ${p.muted}; vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 700 7.5pt "Liberation Sans", Arial, sans-serif; color: ${p.ink}; vertical-align: top; padding-top: 4mm; }
}
@page cover { margin: 0;
  @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; }
}
:root { --accent: ${p.accent}; --accent-soft: ${p.accentSoft}; --accent-tint: ${p.accentTint}; --ink: ${p.ink}; --muted: ${p.muted}; --line: ${p.line}; --faint: ${p.faint}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 8mm 0 1mm; color: var(--ink); font-family: "Liberation Sans", "Helvetica Neue", Arial, sans-serif; font-size: 9.6pt; line-height: 1.45; background: #e8ebef; }
.report { width: ${size.w}mm; margin: 0 auto; }
img { max-width: 100%; }
svg.chart { display: block; max-width: 100%; height: auto; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
h2 { font-size: 10.5pt; margin: 18pt 0 7pt; letter-spacing: 0.06em; text-transform: uppercase; color: var(--ink); padding-bottom: 4pt; border-bottom: 1.5pt solid var(--ink); }
p { margin: 0 0 7pt; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-size: 8pt; margin-top: 2pt; }
.note.warn { color: #c2410c; font-weight: 700; }
.strong { font-weight: 700; }
.r { text-align: right; }
.nowrap { white-space: nowrap; }
.keep, .fig, .card, .fact, .score-row { break-inside: avoid; page-break-inside: avoid; }

/* sheets on screen, pages in print */
.sec { background: #fff; padding: 20mm 17mm 19mm; margin: 0 0 10mm; box-shadow: 0 1px 3px rgba(20,30,40,.12), 0 8px 24px rgba(20,30,40,.06); }
.cover { page: cover; position: relative; background: #fff; height: ${size.h}mm; margin: 0 0 10mm; overflow: hidden; box-shadow: 0 1px 3px rgba(20,30,40,.12), 0 8px 24px rgba(20,30,40,.06); display: flex; flex-direction: column; }
@media print {
  body { background: #fff; padding: 0; }
  .report { width: auto; }
  .sec { box-shadow: none; padding: 0; margin: 0; break-before: page; page-break-before: always; }
  .cover { box-shadow: none; margin: 0; height: ${size.h - 0.6}mm; break-after: page; }
  .cover + .sec, .report > .sec:first-child { break-before: auto; page-break-before: auto; }
}

/* cover */
.cover-band { position: relative; flex: 0 0 60%; background: var(--accent); padding: 22mm 20mm 18mm; display: flex; flex-direction: column; justify-content: space-between; overflow: hidden; }
.cover-deco { position: absolute; right: -40mm; top: -40mm; width: 170mm; height: 170mm; }
.cover-top { position: relative; min-height: 14mm; }
.firm-logo { max-height: 14mm; max-width: 70mm; object-fit: contain; }
.firm-word { font-size: 11pt; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; }
.cover-title { position: relative; }
.cover-eyebrow { font-size: 10pt; font-weight: 700; letter-spacing: 0.22em; text-transform: uppercase; opacity: .85; margin-bottom: 6mm; }
.cover-client { font-size: 40pt; line-height: 1.05; font-weight: 700; letter-spacing: -0.01em; max-width: 150mm; overflow-wrap: anywhere; }
.cover-date { margin-top: 7mm; font-size: 12pt; opacity: .9; }
.cover-title::before { content: ""; display: block; width: 16mm; height: 1.6mm; background: ${onAccent}; opacity: .9; margin-bottom: 7mm; }
.cover-foot { flex: 1; padding: 16mm 20mm 16mm; display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: 1fr auto; gap: 8mm 12mm; }
.cover-left { align-self: start; min-width: 0; }
.cover-client-logo { margin-bottom: 8mm; }
.toc-head { font-size: 7.5pt; letter-spacing: 0.12em; text-transform: uppercase; color: var(--muted); padding-bottom: 2.6mm; }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc li { font-size: 9.5pt; padding: 1.6mm 0; border-top: 0.6pt solid var(--line); }
.toc li span { display: inline-block; width: 8mm; font-weight: 700; color: var(--accent); font-size: 8.5pt; }
.client-logo { max-height: 26mm; max-width: 70mm; object-fit: contain; }
.cover-meta { margin: 0; align-self: start; }
.cover-meta div { padding: 2.6mm 0; border-top: 0.6pt solid var(--line); }
.cover-meta div:last-child { border-bottom: 0.6pt solid var(--line); }
.cover-meta dt { font-size: 7.5pt; letter-spacing: 0.12em; text-transform: uppercase; color: var(--muted); }
.cover-meta dd { margin: 1mm 0 0; font-size: 10.5pt; font-weight: 700; }
.cover-conf { grid-column: 1 / 3; align-self: end; font-size: 8pt; color: var(--muted); margin: 0; padding-top: 3mm; border-top: 0.6pt solid var(--line); }

/* section heads */
.sec-head { margin-bottom: 9mm; break-inside: avoid; }
.kicker { font-size: 9pt; font-weight: 700; color: var(--accent); letter-spacing: 0.16em; }
.kicker::after { content: ""; display: inline-block; width: 12mm; height: 1.4pt; background: var(--accent); vertical-align: middle; margin-left: 3mm; }
.sec-head h1 { font-size: 24pt; line-height: 1.12; margin: 2.5mm 0 3mm; letter-spacing: -0.01em; }
.lede { font-size: 11pt; color: var(--muted); max-width: 150mm; margin: 0; }
.lede strong { color: var(--ink); }

/* summary */
.summary-text p { font-size: 10.5pt; line-height: 1.55; max-width: 160mm; }
.summary-text p.first { font-size: 13pt; line-height: 1.45; color: var(--ink); }
.draft { padding-left: 0; list-style: none; margin: 0; }
.draft li { position: relative; padding: 2.2mm 0 2.2mm 7mm; font-size: 10.5pt; border-bottom: 0.6pt solid var(--line); }
.draft li::before { content: ""; position: absolute; left: 0; top: 4.4mm; width: 2.4mm; height: 2.4mm; background: var(--accent); border-radius: 50%; }
.facts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; margin: 2mm 0 4mm; }
.fact { background: var(--faint); border-top: 2.4pt solid var(--accent); padding: 3.5mm 4mm 4mm; }
.fact-value { font-size: 19pt; font-weight: 700; line-height: 1.1; color: ${shade(p.accent, 0.15)}; }
.fact-label { font-size: 8.6pt; font-weight: 700; margin-top: 1.5mm; }
.fact-note { font-size: 7.6pt; color: var(--muted); margin-top: 1mm; line-height: 1.35; }

/* figures */
.fig { margin: 3mm 0 6mm; }
.fig.radar svg { margin: 0 auto; max-height: 80mm; width: 100%; }
table.t.compact td { padding-top: 1.3mm; padding-bottom: 1.3mm; }
figcaption { text-align: center; font-size: 8pt; color: var(--muted); }
.sw { display: inline-block; width: 9mm; height: 0; vertical-align: middle; margin: 0 1.5mm 0 4mm; }
.sw.acc { border-top: 2.4pt solid var(--accent); }
.sw.prev { border-top: 1.4pt dashed var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 5mm; font-size: 8pt; color: var(--muted); margin: 0 0 3mm; }
.legend i { display: inline-block; width: 7mm; height: 3mm; border: 1pt solid; border-radius: 1mm; vertical-align: middle; margin-right: 1.5mm; }
.legend i.dot { width: 2.4mm; height: 2.4mm; border-radius: 50%; background: #c2410c; border-color: #c2410c; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 9mm; }
.two > * { min-width: 0; }
ul.ticks, ul.open, ul.warnings { list-style: none; padding: 0; margin: 0; }
ul.ticks li, ul.open li, ul.warnings li { padding: 1.6mm 0 1.6mm 6mm; position: relative; border-bottom: 0.6pt solid var(--line); }
ul.ticks li::before { content: ""; position: absolute; left: 0; top: 3mm; width: 2mm; height: 2mm; background: var(--accent); }
ul.open li::before { content: ""; position: absolute; left: 0; top: 2.7mm; width: 2mm; height: 2mm; border: 1pt solid var(--accent); }
ul.warnings li { padding-left: 0; }
ul.warnings b { display: inline-block; min-width: 9mm; color: #c2410c; }

/* tables: header repeated on every page, rows never cut */
table.t { width: 100%; border-collapse: collapse; font-size: 8.8pt; margin: 0 0 4mm; }
table.t thead { display: table-header-group; }
table.t tr { break-inside: avoid; page-break-inside: avoid; }
/* a long table that breaks leaves at least two rows under its header and carries at least three to the next page */
table.t tbody tr:nth-child(2), table.t tbody tr:nth-last-child(-n+2) { break-before: avoid; page-break-before: avoid; }
table.testing .w-belief { width: 33%; } table.testing .w-imp { width: 12%; } table.testing .w-ev { width: 12%; } table.testing .w-right { width: 27%; } table.testing .w-owner { width: 16%; }
table.t th { text-align: left; font-size: 7.4pt; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); padding: 2mm 2.2mm; border-bottom: 0.8pt solid var(--ink); }
table.t td { padding: 2.1mm 2.2mm; border-bottom: 0.6pt solid var(--line); vertical-align: top; }
table.t th.r, table.t td.r { text-align: right; }
table.t tr.late td { background: #fff7f2; }
table.bench td { vertical-align: middle; }
table.bench svg { width: 62mm; }
table.bench td.pct { white-space: nowrap; }
table.bench td.pct b { font-size: 12pt; color: var(--accent); }
.num { display: inline-block; width: 5mm; height: 5mm; line-height: 5mm; text-align: center; border-radius: 50%; background: var(--accent-tint); color: ${shade(p.accent, 0.3)}; font-size: 7.5pt; font-weight: 700; margin-right: 1.5mm; }
.pill { display: inline-block; padding: 0.4mm 2mm; border-radius: 3mm; font-size: 7.4pt; font-weight: 700; white-space: nowrap; background: var(--faint); color: var(--muted); }
.pill.gate-completed, .pill.st-done { background: var(--accent); color: #fff; }
.pill.gate-active, .pill.st-in_progress { background: var(--accent-tint); color: ${shade(p.accent, 0.3)}; }
.pill.st-blocked, .pill.overdue { background: #fde3d7; color: #9a3412; }
.pill.sev-critical { background: #c53030; color: #fff; }
.pill.sev-high { background: #fde3d7; color: #9a3412; }
.pill.sev-medium { background: #fdf1d0; color: #8a5a00; }
.pill.dec-validated { background: var(--accent); color: #fff; }
.pill.dec-invalidated { background: #fde3d7; color: #9a3412; }
.pill.plain { background: transparent; border: 0.6pt solid var(--line); }
.pill.src { background: transparent; border: 0.6pt solid var(--line); font-weight: 400; }
.hb { display: inline-block; min-width: 8mm; text-align: center; border-radius: 1mm; padding: 0.2mm 1mm; font-weight: 700; color: #fff; }
.hb.green { background: #2f855a; } .hb.amber { background: #d69e2e; } .hb.red { background: #c53030; }
.dim { color: var(--line); }
.meter { display: inline-block; width: 16mm; height: 1.8mm; background: var(--line); border-radius: 1mm; vertical-align: middle; margin-right: 1.5mm; overflow: hidden; }
.meter i { display: block; height: 100%; background: var(--accent); }
.delta.up { color: #2f855a; font-weight: 700; } .delta.down { color: #c53030; font-weight: 700; }

/* maturity headline: the radar with the overall score and its trend beside it (one Letter page holds the section) */
.score-row { display: grid; grid-template-columns: minmax(0, 1fr) 56mm; gap: 6mm; align-items: center; margin: 0 0 4mm; }
.score-row .fig.radar { margin: 0; }
.score-big { white-space: nowrap; }
.score-big span { font-size: 44pt; font-weight: 700; color: var(--accent); line-height: 1; }
.score-big small { font-size: 14pt; color: var(--muted); margin-left: 1mm; }
.score-level { font-size: 14pt; font-weight: 700; }
.score-words { margin-top: 2mm; }
.score-trend { margin-top: 5mm; }

/* learning cards */
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.card { border: 0.6pt solid var(--line); border-left: 2.4pt solid var(--accent); padding: 3.5mm 4mm; background: #fff; }
.card-top { display: flex; gap: 1.5mm; align-items: center; margin-bottom: 2mm; }
.card-date { margin-left: auto; font-size: 7.5pt; color: var(--muted); }
.card p { font-size: 8.6pt; margin: 0 0 1.6mm; }
.card p.belief { font-size: 9.6pt; font-weight: 700; }
`
}


