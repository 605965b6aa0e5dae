// Files for a draft: "Attach files" picks them (only what every chosen network takes), each is
// staged in main at once with its progress shown, can carry a description (alt text) where the
// network has one, and can be removed again.
import { useRef, useState } from 'react'
import { formatSize } from '../../preload/attachment-rules'
import type { AttachmentRules, DraftAttachment } from '../../preload/model'
import { useServices } from '../app-context'
import { errorMessage } from '../common/errors'
import { refusal, stageFile } from './stage-file'

const KINDS: Record<string, string> = { image: 'images', video: 'video', audio: 'audio' }
/** "images, video, audio" rather than ten MIME types. */
const kindsOf = (accept: readonly string[]) => [...new Set(accept.map((t) => KINDS[t.split('/')[0]!] ?? t))].join(', ')

interface Props {
  /** Undefined: a chosen network takes no files (or no account is chosen yet). */
  rules: AttachmentRules | undefined
  files: DraftAttachment[]
  onChange(files: DraftAttachment[]): void
  /** Whether a file is still on its way to main (the draft cannot be sent until it is there). */
  onBusy(busy: boolean): void
}

export function AttachmentPicker({ rules, files, onChange, onBusy }: Props) {
  const { api } = useServices()
  const input = useRef<HTMLInputElement>(null)
  const [uploading, setUploading] = useState<{ name: string; fraction: number } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const pick = async (picked: File[]) => {
    if (!rules) return
    setProblem(null)
    let next = [...files]
    onBusy(true)
    try {
      for (const file of picked) {
        const why = refusal(file, rules, next.length)
        if (why) {
          setProblem(why)
          continue
        }
        setUploading({ name: file.name, fraction: 0 })
        try {
          next = [...next, await stageFile(api, file, (fraction) => setUploading({ name: file.name, fraction }))]
          onChange(next)
        } catch (e) {
          setProblem(`Could not attach ${file.name}: ${errorMessage(e)}`)
        }
      }
    } finally {
      setUploading(null)
      onBusy(false)
    }
  }

  const remove = (file: DraftAttachment) => {
    onChange(files.filter((f) => f.ref !== file.ref))
    void api.invoke('attachments.discard', { ref: file.ref }).catch(() => {}) // main keeps it if a queued post still needs it
  }

  return (
    <div className="field attachments">
      <div className="form-row">
        <button
          type="button"
          className="small"
          disabled={!rules || uploading !== null}
          title={rules ? undefined : 'Choose accounts whose networks all take files'}
          onClick={() => input.current?.click()}
        >
          Attach files
        </button>
        {rules && (
          <span className="form-note">
            Up to {rules.max}, {formatSize(rules.maxBytes)} each
            {rules.accept.includes('*/*') ? ', any type' : `: ${kindsOf(rules.accept)}`}
          </span>
        )}
      </div>
      <input
        ref={input}
        type="file"
        aria-label="Files to attach"
        hidden
        multiple
        accept={rules && !rules.accept.includes('*/*') ? rules.accept.join(',') : undefined}
        onChange={(e) => {
          const picked = [...(e.target.files ?? [])]
          e.target.value = ''
          void pick(picked)
        }}
      />
      {uploading && (
        <p className="form-note" role="status">
          Attaching {uploading.name}… {Math.round(uploading.fraction * 100)}%
        </p>
      )}
      {files.length > 0 && (
        <ul className="attachment-list" aria-label="Attached files">
          {files.map((f) => (
            <li key={f.ref}>
              <span>
                {f.name} ({formatSize(f.size)})
              </span>
              {rules?.describe && (
                <input
                  aria-label={`Description of ${f.name}`}
                  placeholder="Describe it for people who cannot see it"
                  maxLength={1500}
                  value={f.description ?? ''}
                  onChange={(e) => onChange(files.map((x) => (x.ref === f.ref ? { ...x, description: e.target.value } : x)))}
                />
              )}
              <button type="button" className="small ghost" aria-label={`Remove ${f.name}`} onClick={() => remove(f)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
