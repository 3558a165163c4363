/**
 * The maturity model: ten dimensions of a partner program (why these ten: seed 003 — programs fail for lack of
 * strategy, infrastructure, the right partners, onboarding and revenue), each with a few questions scored 0–4.
 * Every level of every question has a written descriptor so a room of people argues about the same thing.
 * The consultant owns and edits models; an assessment keeps a snapshot of the exact version it used.
 * No zod here: the renderer imports this file, and its CSP forbids the eval zod probes for (see maturitySchema.ts).
 */
export const MATURITY_LEVELS = [
  { value: 0, key: 'initial', label: 'Initial' },
  { value: 1, key: 'developing', label: 'Developing' },
  { value: 2, key: 'defined', label: 'Defined' },
  { value: 3, key: 'managed', label: 'Managed' },
  { value: 4, key: 'optimized', label: 'Optimized' }
] as const
export type MaturityLevel = 0 | 1 | 2 | 3 | 4
export const LEVEL_LABELS = MATURITY_LEVELS.map((l) => l.label) as readonly string[]

export const DEFAULT_MODEL_ID = 'trellis-default'

export interface MaturityQuestion {
  id: string
  text: string
  /** One descriptor per level, 0 (initial) to 4 (optimized). */
  levels: string[]
}

export interface MaturityDimension {
  id: string
  name: string
  summary: string
  questions: MaturityQuestion[]
}

/** What the consultant edits: the content of a model, without its identity and version. */
export interface MaturityModelContent {
  name: string
  dimensions: MaturityDimension[]
}

/** One exact version of a model: what an assessment snapshots. */
export interface MaturityModel extends MaturityModelContent {
  id: string
  version: number
}

export function findQuestion(
  model: MaturityModelContent,
  questionId: string
): { dimension: MaturityDimension; question: MaturityQuestion } | null {
  for (const dimension of model.dimensions)
    for (const question of dimension.questions) if (question.id === questionId) return { dimension, question }
  return null
}

type L = [string, string, string, string, string]
const q = (qid: string, qtext: string, levels: L): MaturityQuestion => ({ id: qid, text: qtext, levels })

/** The default model, version 1. Written in the practitioner's voice: what you would actually see in the company. */
export const DEFAULT_MODEL: MaturityModel = {
  id: DEFAULT_MODEL_ID,
  version: 1,
  name: 'Trellis partner program maturity',
  dimensions: [
    {
      id: 'strategy',
      name: 'Strategy & business alignment',
      summary: 'Why the company partners at all, and whether that reason is tied to the business plan.',
      questions: [
        q('strategy.why', 'Is there a written partner strategy that ties partnering to the company’s growth goals?', [
          'Partnering is a hunch or a board suggestion. Nobody can say in one sentence what partners are for.',
          'Someone has a slide with the idea, but it is not tied to revenue, segments or a time frame.',
          'A written strategy names the segments, the partner types and the revenue role partners play, and leadership has read it.',
          'The strategy is part of the annual plan, with partner targets in the company’s numbers, and it is reviewed every quarter.',
          'Partnering shapes the company strategy itself: product, market entry and pricing decisions are made with the ecosystem in mind.'
        ]),
        q('strategy.sponsor', 'Does an executive sponsor own the program and defend it when results take time?', [
          'No sponsor. The program belongs to whoever was “given partnerships” on top of another job.',
          'An executive likes the idea and shows up when asked, but would cut it at the first bad quarter.',
          'A named sponsor agreed the goals and the budget and reviews progress a few times a year.',
          'The sponsor removes blockers across sales, product and marketing and holds the line on the agreed time horizon.',
          'The whole leadership team treats partners as a core route to market; the sponsor sits on partner executive councils.'
        ]),
        q('strategy.horizon', 'Are expectations for time and results realistic, and written down?', [
          'Leadership expects partner revenue within a quarter or two, and nobody has said otherwise.',
          'People know it takes longer, but the expectation was never agreed; patience runs out around month six.',
          'A staged plan with milestones (foundations, prove, activate, scale) was agreed, with leading indicators for the early months.',
          'Progress is judged against the staged plan; timelines are revised openly when evidence changes.',
          'Timelines come from the company’s own history and from peers’ benchmarks, and they are usually met.'
        ])
      ]
    },
    {
      id: 'selection',
      name: 'Partner selection & ideal partner profile',
      summary: 'Choosing the partners who can actually move customers, not the logos that look good.',
      questions: [
        q('selection.ipp', 'Is there an ideal partner profile that the team actually uses?', [
          'Anyone who asks can become a partner. There is no profile.',
          'The team has a feel for a good partner but could not write it down the same way twice.',
          'A written profile names customer overlap, capabilities, size and motivation, and new partners are checked against it.',
          'The profile is scored for every candidate and refined from what the producing partners have in common.',
          'The profile is data-driven (overlap mapping, win rates by partner type) and rejects most inbound candidates.'
        ]),
        q('selection.qualify', 'Are partners qualified before the agreement is signed?', [
          'Signing is the goal. Agreements are collected; most partners never produce anything (“paper partners”).',
          'Some conversations happen before signing, but a partner who says yes gets signed.',
          'Qualification covers goals, resources, customer fit and expectations on both sides before anything is signed.',
          'A partner unwilling to discuss goals and resources is not signed; qualification results are recorded.',
          'Qualification predicts activation well: most signed partners reach a first commercial event within the window.'
        ]),
        q('selection.mix', 'Is the mix of partner types deliberate?', [
          'Whatever partners turned up: a mix of resellers, agencies and integrations with no reason behind it.',
          'The team prefers some partner types but has not said why or how many of each it can support.',
          'The strategy names the partner types that fit the go-to-market motion and how many of each the team can carry.',
          'The mix is reviewed against results; types that do not produce get less investment.',
          'The portfolio is managed like investments: the mix is rebalanced, dormant partners are pruned, new types are tested on purpose.'
        ])
      ]
    },
    {
      id: 'design',
      name: 'Program design (tiers, benefits, rules)',
      summary: 'What a partner gets, what it must do to get it, and how the rules are applied.',
      questions: [
        q('design.tiers', 'Are there tiers with clear criteria that partners understand?', [
          'No tiers, or tiers copied from a big vendor that nobody applies.',
          'Tiers exist on paper, but partners are placed by how much the team likes them.',
          'Tiers have written entry criteria (revenue, certifications, customers) and partners know where they stand.',
          'Tier reviews happen on a schedule; partners move up and down based on the criteria.',
          'Tiers drive behaviour: partners plan to reach the next tier, and the criteria are tuned to what predicts success.'
        ]),
        q('design.benefits', 'Do benefits reward the behaviour the program needs?', [
          'Benefits are whatever was promised in each deal; nobody has the full list.',
          'A standard benefits list exists but it rewards signing, not producing.',
          'Benefits (margins, referral fees, MDF, leads, support) are written and tied to tiers.',
          'Benefits are linked to activity and results, and their cost is tracked against what they bring back.',
          'Benefits are tested and adjusted like a product, using partner feedback and return on each benefit.'
        ]),
        q('design.rules', 'Are the rules of engagement (deal registration, conflicts, payouts) clear and honoured?', [
          'No rules. Channel conflict is settled by whoever shouts loudest, and payouts are late or forgotten.',
          'Some rules exist but sales ignores them when a big deal is at stake.',
          'Deal registration, conflict rules and payout terms are written, agreed with sales and shared with partners.',
          'Rules are applied consistently; disputes are settled quickly; payouts are on time.',
          'Partners trust the rules enough to bring their best deals first; the rules are reviewed with a partner advisory group.'
        ])
      ]
    },
    {
      id: 'infrastructure',
      name: 'Infrastructure & attribution',
      summary: 'The systems that let partners work with you and let you see what they contribute.',
      questions: [
        q('infrastructure.crm', 'Are partners, partner deals and contacts tracked in the CRM?', [
          'Partners live in someone’s spreadsheet and inbox.',
          'Partners are in the CRM, but partner deals are not tagged consistently.',
          'Partner records, contacts and partner-involved opportunities are in the CRM with required fields.',
          'Data quality is checked regularly; reports on partner pipeline can be trusted in a board meeting.',
          'Partner data flows between systems (CRM, portal, partner’s CRM) without manual re-keying.'
        ]),
        q('infrastructure.attribution', 'Is sourced and influenced revenue attributed by an agreed rule?', [
          'Nobody can say how much revenue partners brought.',
          'Sourced deals are counted when someone remembers; influence is not counted at all.',
          'Sourced and influenced are defined, and the definition was agreed with sales and finance.',
          'Attribution is applied to every deal and reported every month; sales and finance accept the numbers.',
          'Attribution covers the full customer lifecycle (sourced, influenced, retention, expansion) and drives investment.'
        ]),
        q('infrastructure.portal', 'Can partners self-serve (register deals, find material, get paid) without chasing the team?', [
          'Everything goes by email to the partner manager.',
          'A shared folder of material exists; deal registration is an email or a form nobody follows up.',
          'A portal or equivalent lets partners register deals, find current material and see their status.',
          'Partners use it without help; registrations are answered within an agreed time.',
          'The partner experience is measured and improved; integrations remove most manual steps for partners.'
        ])
      ]
    },
    {
      id: 'onboarding',
      name: 'Onboarding & enablement',
      summary: 'Getting a newly signed partner able to sell, deliver and support.',
      questions: [
        q('onboarding.path', 'Is there a defined onboarding path for a newly signed partner?', [
          'A welcome email and a slide deck. Then the partner is on its own.',
          'Onboarding depends on the partner manager and differs each time.',
          'A written onboarding path with steps, owners and a target time to complete it.',
          'Completion is tracked per partner; stalled onboardings are followed up within days.',
          'Onboarding is tuned from data: the steps that predict a first deal are prioritized, the rest removed.'
        ]),
        q('onboarding.enablement', 'Are partners’ sellers and delivery people trained and certified?', [
          'No training. Partners learn the product from customers.',
          'Occasional webinars; no record of who attended or what they can do.',
          'Training for sales and technical roles exists, with a way to check what people learned.',
          'Certifications are required for tiers, kept current, and tied to deal quality.',
          'Enablement is continuous and role-based; partner-delivered projects meet the same quality as your own.'
        ]),
        q('onboarding.content', 'Do partners have the material they need to position and sell the offer?', [
          'Partners use the company website.',
          'Some material exists but it is written for direct sales, not for partners.',
          'Partner-ready positioning, pitch, pricing and co-branded material are available and current.',
          'Material is built per partner type and use case and refreshed with each release.',
          'Partners co-create material; its use is measured and tied to pipeline.'
        ])
      ]
    },
    {
      id: 'activation',
      name: 'Activation & joint planning',
      summary: 'Turning a signature into a first commercial event, with goals both sides agreed.',
      questions: [
        q('activation.plan', 'Does each new partner have an activation plan agreed with them?', [
          'No plan. Partners are signed and then left to “see what sticks”.',
          'Plans exist for a few favourite partners, mostly written by one side.',
          'Each new partner has a written plan covering goals, resources, rollout speed and what each side expects.',
          'Plans are reviewed at an agreed cadence; partners who will not discuss the plan are treated as “pen pals”, not partners.',
          'Activation plans are templated by partner type, and most partners reach a first commercial event within the window.'
        ]),
        q('activation.goals', 'Are goals shared openly and measurable on both sides?', [
          'Each side has private hopes and nobody has said them out loud.',
          'Goals are vague (“drive revenue together”) and only one side tracks them.',
          'Joint goals are measurable, dated and written in the plan both sides signed off.',
          'Both sides track the goals and discuss misses early, before enthusiasm runs out.',
          'Goals are set jointly each year at executive level and tied to both companies’ plans.'
        ]),
        q('activation.first', 'Is the first commercial event (first sourced deal, registration or invoice) tracked and chased?', [
          'Nobody knows which signed partners have never produced anything.',
          'The team could find out with some digging, but does not look.',
          'The first commercial event is recorded for every partner; partners past the window are listed.',
          'Partners past the window get a decision: a rescue plan, a lower tier, or an exit.',
          'Time to first commercial event is a headline metric and keeps falling.'
        ])
      ]
    },
    {
      id: 'coselling',
      name: 'Co-selling & pipeline',
      summary: 'How deals actually move with partners, from account mapping to close.',
      questions: [
        q('coselling.motion', 'Is there a repeatable co-selling motion between your sellers and partners?', [
          'Co-selling happens by accident when two people happen to know each other.',
          'A few reps work with partners; most do not know which partners to call.',
          'A written co-selling motion: account mapping, introductions, deal roles and handoffs.',
          'Sellers on both sides follow the motion; partner involvement is visible in pipeline reviews.',
          'Co-selling is how the company sells in key segments; partner-sourced and influenced deals win more and close faster.'
        ]),
        q('coselling.pipeline', 'Is partner pipeline reviewed regularly and with the partner?', [
          'Partner pipeline is not reviewed.',
          'Pipeline comes up in one-on-ones when there is a big deal.',
          'Partner pipeline is reviewed on a fixed cadence internally and with the top partners.',
          'Reviews produce actions and forecasts; the partner forecast is part of the company forecast.',
          'Joint pipeline reviews with partners are routine, data is shared both ways, and forecast accuracy is tracked.'
        ]),
        q('coselling.value', 'Do partners bring value beyond leads (integration, services, customer success)?', [
          'The only thing asked of partners is leads.',
          'Some partners help with delivery, but it is not planned or valued.',
          'The value each partner brings (leads, integration, services, retention) is named in its plan.',
          'Customers served with partners are measured for retention and expansion, not only for new deals.',
          'Partners are part of the customer’s solution by design; joint offers exist and are sold as one.'
        ])
      ]
    },
    {
      id: 'internal',
      name: 'Internal alignment',
      summary: 'Whether sales, marketing, product and customer success are on board.',
      questions: [
        q('internal.sales', 'Does the direct sales team support the partner model?', [
          'Sales sees partners as competition for commission and avoids them.',
          'A few reps work with partners; leadership tolerates it.',
          'Compensation and rules make working with partners neutral or better for a seller.',
          'Sales leadership expects partner involvement in target accounts and inspects it.',
          'Sellers pull partners in early because it helps them win; partner leaders sit in sales leadership.'
        ]),
        q('internal.functions', 'Are marketing, product and customer success involved?', [
          'Partnering is one person’s job; other teams do not know the partners.',
          'Other teams help when asked, as a favour.',
          'Each function has a named contact and agreed responsibilities for partners.',
          'Functions plan with the partner team: joint campaigns, integration roadmap, partner-aware support.',
          'Partners are part of every function’s plan and metrics.'
        ]),
        q('internal.truth', 'Are problems with partners raised openly, inside and with the partner?', [
          'Problems are gossip. Partners hear about them from others, or never.',
          'Problems are raised late, usually when a partnership is already failing.',
          'A regular health check surfaces issues; hard conversations happen when needed.',
          'The team stands up for partners internally and tells partners the truth early.',
          'Trust is high enough that partners raise problems first; issues rarely become surprises.'
        ])
      ]
    },
    {
      id: 'measurement',
      name: 'Measurement & governance',
      summary: 'Knowing whether the program works, and deciding what to change.',
      questions: [
        q('measurement.metrics', 'Are the program’s metrics defined and reported?', [
          'The only number is how many partners were signed.',
          'Some numbers are pulled together for board meetings, each time differently.',
          'Defined metrics (activation rate, sourced share, time to first commercial event) are reported on a schedule.',
          'Metrics have targets, trends and owners; leading indicators warn before revenue misses.',
          'Metrics are benchmarked against peers and used to choose where to invest next.'
        ]),
        q('measurement.governance', 'Are decisions about the program made on a rhythm, with evidence?', [
          'No reviews. Decisions are made when something breaks.',
          'Occasional reviews driven by opinions and anecdotes.',
          'A quarterly program review with the sponsor looks at metrics and agrees changes.',
          'Assumptions are tested on purpose and decisions (persevere, pivot, stop) are recorded with their evidence.',
          'Governance includes partners (advisory board) and the program adapts quickly to what it learns.'
        ])
      ]
    },
    {
      id: 'team',
      name: 'Team & resourcing',
      summary: 'Enough people with enough experience, and a budget that matches the ambition.',
      questions: [
        q('team.people', 'Does the program have the right people, with enough experience at the table?', [
          'One enthusiastic person “finding something that sticks”, with no experienced partner leader to guide them.',
          'Either an experienced leader with no team to execute, or a team with no experienced leader.',
          'Strategic leadership (in-house or fractional) plus people to execute, with clear roles.',
          'Partner managers are hired to a profile, coached, and cover partners at a workable ratio.',
          'A career path and bench exist; the team scales with the program without losing quality.'
        ]),
        q('team.budget', 'Is there a budget matched to the plan (people, benefits, tools, events)?', [
          'No budget; every expense needs a fight.',
          'A small budget exists, mostly spent on conferences.',
          'A budget is set from the plan and covers people, benefits and tools.',
          'Spending is tracked against return and moved to what works during the year.',
          'Budget grows with proven return; the program funds its own expansion.'
        ])
      ]
    }
  ]
}
