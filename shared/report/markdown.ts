/** The report as Markdown: the same content as the HTML, for pasting into other tools (charts become tables). */
import { STATUS_WORDS } from './charts'
import { mdCell, mdText } from './escape'
import { actionsLede, longDate, score, shortDate, signed } from './format'
import { SECTION_LABELS, type KeyFact, type ReportModel, type SectionKey } from './model'

const LEVELS = ['Initial', 'Developing', 'Defined', 'Managed', 'Optimized']
const levelOf = (s: number | null) => (s === null ? '—' : LEVELS[Math.min(4, Math.max(0, Math.round(s)))])

function table(headers: string[], rows: (string | number | null | undefined)[][], right: number[] = []): string {
  const head = `| ${headers.map(mdCell).join(' | ')} |`
  const sep = `| ${headers.map((_, i) => (right.includes(i) ? '---:' : '---')).join(' | ')} |`
  return [head, sep, ...rows.map((r) => `| ${r.map((c) => mdCell(c === null || c === undefined || c === '' ? '—' : c)).join(' | ')} |`)].join('\n')
}

function facts(fs: KeyFact[]): string {
  return table(['Measure', 'Value', 'What it means'], fs.map((f) => [f.label, f.value, f.note]))
}

export function renderMarkdown(m: ReportModel): string {
  const out: string[] = []
  let num = 0
  for (const key of m.sections) {
    const s = section(key, m, key === 'cover' ? 0 : num + 1)
    if (!s) continue
    if (key !== 'cover') num++
    out.push(s)
  }
  out.push(`---\n\n_${mdText(m.confidentiality)}_`)
  return `${out.join('\n\n')}\n`
}

function h(key: SectionKey, num: number): string {
  return `## ${num}. ${SECTION_LABELS[key]}`
}

function section(key: SectionKey, m: ReportModel, num: number): string | null {
  switch (key) {
    case 'cover':
      return [
        `# ${mdText(m.title)}: ${mdText(m.client.name)}`,
        '',
        `**Prepared for** ${mdText(m.client.name)}  `,
        `**Prepared by** ${mdText([m.branding.preparedBy, m.branding.firmName].filter(Boolean).join(', '))}  `,
        `**Date** ${longDate(m.asOf)}`
      ].join('\n')
    case 'summary': {
      const text = m.summary.text.trim() ? mdText(m.summary.text.trim()) : m.summary.draft.map((d) => `- ${mdText(d).replace(/^\\/, '')}`).join('\n')
      return [h(key, num), '', text, '', '### Key facts', '', facts(m.summary.facts)].join('\n')
    }
    case 'journey': {
      const j = m.journey
      if (!j) return null
      const cur = j.stages.find((s) => s.gate === 'active')
      const lines = [h(key, num), '', cur ? `The program is in stage ${cur.position + 1}, **${mdText(cur.name)}**, of the ${mdText(j.templateName)} journey begun ${longDate(j.startedOn)}.` : `The ${mdText(j.templateName)} journey began ${longDate(j.startedOn)}.`]
      if (cur) {
        lines.push('', `### Objectives of ${mdText(cur.name)}`, '', ...(cur.objectives.length ? cur.objectives.map((o) => `- ${mdText(o)}`) : ['- No objectives recorded.']))
        lines.push('', '### Still to meet before moving on', '', ...(cur.openCriteria.length ? cur.openCriteria.map((o) => `- [ ] ${mdText(o)}`) : ['- Every exit criterion is met: ready to move on.']))
      }
      lines.push(
        '',
        '### All stages',
        '',
        table(
          ['Stage', 'Status', 'Exit criteria met', 'Milestones done', 'Dates'],
          j.stages.map((s) => [
            `${s.position + 1}. ${s.name}`,
            s.gate === 'completed' ? 'Completed' : s.gate === 'active' ? 'In progress' : 'Not started',
            `${s.criteriaMet} / ${s.criteriaTotal}`,
            `${s.milestonesDone} / ${s.milestonesTotal}`,
            (s.completedAt ? `Completed ${shortDate(s.completedAt)}` : s.startedAt ? `Started ${shortDate(s.startedAt)}` : '—') +
              (s.completionReason ? ` (moved on with open criteria: ${s.completionReason})` : '')
          ]),
          [2, 3]
        )
      )
      return lines.join('\n')
    }
    case 'roadmap': {
      const r = m.roadmap
      if (!r) return null
      return [
        h(key, num),
        '',
        `${r.items.length} milestone${r.items.length === 1 ? '' : 's'} planned between ${shortDate(r.from)} and ${shortDate(r.to)} (${r.quarters.map((q) => q.label).join(' and ')}).`,
        '',
        r.items.length
          ? table(
              ['Milestone', 'Stage', 'Owner', 'Start', 'End', 'Status'],
              r.items.map((it) => [it.title, it.stage, it.owner, shortDate(it.start), shortDate(it.end), STATUS_WORDS[it.status] + (it.overdue ? ' (overdue)' : '')])
            )
          : '_No milestones in this window._',
        ...(r.more ? ['', `_${r.more} more milestones in this window are in the roadmap._`] : [])
      ].join('\n')
    }
    case 'maturity': {
      const x = m.maturity
      if (!x) return null
      const d = x.previous && x.overall !== null && x.previous.overall !== null ? x.overall - x.previous.overall : null
      return [
        h(key, num),
        '',
        `From the assessment workshop “${mdText(x.title)}” held ${longDate(x.heldOn)}. Scores run from 0 (initial) to 4 (optimized).`,
        '',
        `**Overall maturity: ${score(x.overall)} / 4 (${levelOf(x.overall)})**${d !== null ? `, ${signed(d)} since ${shortDate(x.previous!.heldOn)}` : ''}.`,
        '',
        table(
          ['Dimension', 'Score', 'Level', ...(x.previous ? ['Before', 'Change'] : [])],
          x.rows.map((r) => [r.dimension, score(r.score), levelOf(r.score), ...(x.previous ? [score(r.previous), signed(r.delta)] : [])]),
          x.previous ? [1, 3, 4] : [1]
        ),
        ...(x.trend.length > 1 ? ['', `Overall over time: ${x.trend.map((t) => `${t.heldOn.slice(0, 7)} ${t.overall.toFixed(1)}`).join(' → ')}`] : [])
      ].join('\n')
    }
    case 'learning': {
      const l = m.learning
      if (!l) return null
      const lines = [h(key, num), '', '### What we learned', '']
      if (!l.decided.length) lines.push('_No hypothesis has reached a decision yet._')
      for (const x of l.decided) {
        lines.push(`#### ${mdText(x.belief)}`, '', `${x.status}${x.decision ? ` · decision: ${x.decision}` : ''}${x.decidedAt ? ` · ${shortDate(x.decidedAt)}` : ''}`, '')
        if (x.observed) lines.push(`- **We observed** ${mdText(x.observed)}`)
        if (x.learned) lines.push(`- **We learned** ${mdText(x.learned)}`)
        if (x.therefore) lines.push(`- **Therefore we will** ${mdText(x.therefore)}`)
        lines.push('')
      }
      if (l.testing.length)
        lines.push(
          '### What we test next',
          '',
          table(
            ['We believe', 'Importance', 'Evidence so far', 'We are right if', 'Owner', 'Due'],
            l.testing.map((t) => [t.belief, `${t.importance} / 5`, t.evidence, t.rightIf || t.measure, t.owner, t.due ? shortDate(t.due) : null])
          )
        )
      return lines.join('\n').trimEnd()
    }
    case 'portfolio': {
      const x = m.portfolio
      if (!x) return null
      const lines = [h(key, num), '', `${x.partnerCount} partners in the portfolio. Pipeline figures in ${x.currency}.`, '', facts(x.facts), '', '### Partners by stage', '', table(['Stage', 'Partners'], x.byStage.map((s) => [s.stage, s.count]), [1])]
      lines.push('', '### Partner health', '', table(['Health', 'Partners'], x.health.map((b) => [b.label, b.count]), [1]))
      if (x.warnings.length) lines.push('', '### Early warnings', '', ...x.warnings.map((w) => `- **${w.count}** ${mdText(w.label)}`))
      if (x.topPartners.length)
        lines.push(
          '',
          '### Top partners by sourced pipeline',
          '',
          table(
            ['Partner', 'Type', 'Tier', 'Stage', `Sourced (${x.currency})`, `Influenced (${x.currency})`, 'Health'],
            x.topPartners.map((t) => [t.name, t.type, t.tier, t.stage, Math.round(t.sourced).toLocaleString('en-US'), Math.round(t.influenced).toLocaleString('en-US'), t.health]),
            [4, 5, 6]
          )
        )
      if (x.risks.length)
        lines.push('', '### Open risks', '', table(['Severity', 'Partner', 'Risk', 'Description', 'Raised'], x.risks.map((r) => [r.severity, r.partner, r.kind, r.description, shortDate(r.raisedAt)])))
      return lines.join('\n')
    }
    case 'benchmark': {
      const b = m.benchmark
      if (!b) return null
      return [
        h(key, num),
        '',
        mdText(b.cohortLabel),
        '',
        table(
          ['Measure', 'This program', '25th percentile', 'Median', '75th percentile', 'Percentile', 'Peers'],
          b.metrics.map((x) => (x.suppressed ? [x.hint ? `${x.label} (${x.hint.toLowerCase()})` : x.label, x.value, 'not enough peers', '', '', '', ''] : [x.hint ? `${x.label} (${x.hint.toLowerCase()})` : x.label, x.value, x.p25, x.median, x.p75, x.percentile === null ? null : Math.round(x.percentile), x.cohort]))
        ),
        '',
        `_${mdText(b.note)}_`
      ].join('\n')
    }
    case 'actions': {
      const a = m.actions
      if (!a) return null
      return [
        h(key, num),
        '',
        actionsLede(a.from, a.to, a.items.filter((x) => x.overdue).length),
        '',
        a.items.length ? table(['Due', 'Action', 'Owner', 'From'], a.items.map((x) => [(x.due ? shortDate(x.due) : '—') + (x.overdue ? ' (overdue)' : ''), x.what, x.owner, x.source])) : '_No open actions in the next 90 days._',
        ...(a.more ? ['', `_${a.more} further actions are tracked in the workspace._`] : [])
      ].join('\n')
    }
  }
}
