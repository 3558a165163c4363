/**
 * The lists on a partner page (contacts, goals, meetings, actions, deals, health scores, risks, credentials) share
 * one shape: a table of entries, each editable in place or deletable, and a form below to add one. The same field
 * list drives the add form and the edit form, so a tab only says what its fields are and how they map to the call.
 */
import { useState, type ReactNode } from 'react'

export type FieldKind = 'text' | 'number' | 'date' | 'select' | 'check' | 'textarea'
export interface FieldSpec {
  name: string
  /** Visible in the edit form, and the accessible name (and placeholder) of the input. */
  label: string
  kind?: FieldKind
  options?: readonly (readonly [string, string])[]
  required?: boolean
  width?: number
  /** Only when editing an entry (e.g. the end date of a contact). */
  editOnly?: boolean
  /** Only when adding (e.g. a meeting's first action). */
  addOnly?: boolean
  defaultValue?: string
}
/** Form values as typed: text, or 'on' / '' for a checkbox. */
export type FormValues = Record<string, string>

export const orNull = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null)
export const numOrNull = (s: string | undefined): number | null => (s && s.trim() !== '' ? Number(s) : null)

export function Options({ list }: { list: readonly (readonly [string, string])[] }): React.JSX.Element {
  return (
    <>
      {list.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </>
  )
}

function Input({ f, value, compact }: { f: FieldSpec; value: string; compact: boolean }): React.JSX.Element {
  const common = { name: f.name, 'aria-label': f.label, required: f.required }
  const style = compact && f.width ? { width: f.width } : undefined
  switch (f.kind ?? 'text') {
    case 'select':
      return (
        <select {...common} defaultValue={value} style={style}>
          <Options list={f.options!} />
        </select>
      )
    case 'check':
      return (
        <label className="check small">
          <input type="checkbox" name={f.name} defaultChecked={value === 'on'} /> {f.label}
        </label>
      )
    case 'textarea':
      return <textarea {...common} rows={2} defaultValue={value} placeholder={f.label} />
    default:
      return <input {...common} type={f.kind ?? 'text'} step={f.kind === 'number' ? 'any' : undefined} defaultValue={value} placeholder={f.label} style={style} />
  }
}

/** An add form (one compact row) or an edit form (labelled fields in a grid), from the same field list. */
export function ItemForm({
  fields,
  initial,
  submitLabel,
  label,
  onSubmit,
  onCancel
}: {
  fields: FieldSpec[]
  initial?: FormValues
  submitLabel: string
  label?: string
  onSubmit(values: FormValues): Promise<boolean>
  onCancel?(): void
}): React.JSX.Element {
  const editing = !!initial
  const shown = fields.filter((f) => (editing ? !f.addOnly : !f.editOnly))
  return (
    <form
      className={editing ? 'item-edit' : 'row item-add'}
      aria-label={label}
      onSubmit={async (e) => {
        e.preventDefault()
        const form = e.currentTarget
        const data = new FormData(form)
        const values: FormValues = {}
        for (const f of shown) values[f.name] = f.kind === 'check' ? (data.get(f.name) ? 'on' : '') : String(data.get(f.name) ?? '')
        if ((await onSubmit(values)) && !editing) form.reset()
      }}
    >
      {shown.map((f) =>
        editing && f.kind !== 'check' ? (
          <label key={f.name} className={`field ${f.kind === 'textarea' ? 'wide' : ''}`}>
            <span>{f.label}</span>
            <Input f={f} value={initial[f.name] ?? ''} compact={false} />
          </label>
        ) : (
          <Input key={f.name} f={f} value={initial?.[f.name] ?? f.defaultValue ?? ''} compact={!editing} />
        )
      )}
      <div className={editing ? 'row end wide' : 'row'}>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className={editing ? 'primary' : undefined}>
          {submitLabel}
        </button>
      </div>
    </form>
  )
}

export interface ItemTableProps<T extends { id: string }> {
  items: T[]
  /** What one entry is called ("goal", "meeting"). */
  noun: string
  /** A short name of an entry for button labels ("Edit goal Sourced pipeline"). */
  title(item: T): string
  headers?: string[]
  cells(item: T): ReactNode[]
  rowClass?(item: T): string
  fields: FieldSpec[]
  toForm(item: T): FormValues
  /** Saves an entry: `id` absent means new. Resolves true when saved. */
  onSave(values: FormValues, id?: string): Promise<boolean>
  onDelete(item: T): Promise<boolean>
  /** The add form's button; no add form when absent. */
  addLabel?: string
  empty?: string
}

export function ItemTable<T extends { id: string }>(p: ItemTableProps<T>): React.JSX.Element {
  const [editing, setEditing] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const width = (p.headers?.length ?? (p.items[0] ? p.cells(p.items[0]).length : 1)) + 1
  return (
    <>
      {p.items.length === 0 && p.empty ? (
        <p className="muted small">{p.empty}</p>
      ) : (
        <table className="table item-table">
          {p.headers && (
            <thead>
              <tr>
                {p.headers.map((h) => (
                  <th key={h}>{h}</th>
                ))}
                <th className="item-actions-head">
                  <span className="sr-only">Change</span>
                </th>
              </tr>
            </thead>
          )}
          <tbody>
            {p.items.map((item) =>
              editing === item.id ? (
                <tr key={item.id} className="editing">
                  <td colSpan={width}>
                    <ItemForm
                      fields={p.fields}
                      initial={p.toForm(item)}
                      label={`Edit ${p.noun}`}
                      submitLabel={`Save ${p.noun}`}
                      onCancel={() => setEditing(null)}
                      onSubmit={async (v) => {
                        const done = await p.onSave(v, item.id)
                        if (done) setEditing(null)
                        return done
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={item.id} className={p.rowClass?.(item) ?? ''}>
                  {p.cells(item).map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                  <td className="item-actions">
                    {confirming === item.id ? (
                      <>
                        <button type="button" className="danger small-button" onClick={() => void p.onDelete(item).then(() => setConfirming(null))}>
                          Delete
                        </button>
                        <button type="button" className="quiet small-button" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="quiet small-button"
                          aria-label={`Edit ${p.noun} ${p.title(item)}`}
                          onClick={() => {
                            setConfirming(null)
                            setEditing(item.id)
                          }}
                        >
                          Edit
                        </button>
                        <button type="button" className="quiet small-button" aria-label={`Delete ${p.noun} ${p.title(item)}`} onClick={() => setConfirming(item.id)}>
                          Delete…
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              )
            )}
          </tbody>
        </table>
      )}
      {p.addLabel && <ItemForm fields={p.fields} submitLabel={p.addLabel} label={p.addLabel} onSubmit={(v) => p.onSave(v)} />}
    </>
  )
}
