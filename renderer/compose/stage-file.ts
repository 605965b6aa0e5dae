// Hands a picked file to main: stage it (main answers with a ref), then send its bytes in base64
// pieces small enough for either bridge. The draft then names the file by its ref only.
import { ATTACHMENT_CHUNK_BYTES, type Api } from '../../preload/contract'
import { acceptsType, formatSize } from '../../preload/attachment-rules'
import type { AttachmentRules, DraftAttachment } from '../../preload/model'

export interface PickedFile {
  name: string
  type: string
  size: number
  arrayBuffer(): Promise<ArrayBuffer>
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return btoa(binary)
}

export async function stageFile(
  api: Api,
  file: PickedFile,
  onProgress: (fraction: number) => void = () => {},
): Promise<DraftAttachment> {
  const mimeType = file.type || 'application/octet-stream'
  const { ref } = await api.invoke('attachments.stage', { name: file.name, mimeType, size: file.size })
  const bytes = new Uint8Array(await file.arrayBuffer())
  for (let offset = 0; offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
    const piece = bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES)
    const { received } = await api.invoke('attachments.write', { ref, offset, data: toBase64(piece) })
    onProgress(received / bytes.length)
  }
  return { ref, name: file.name, mimeType, size: file.size }
}

/**
 * What every chosen network allows, combined: the fewest files, the smallest size, the types all
 * of them take. Undefined when one of them takes no files at all.
 */
export function combinedRules(rules: readonly (AttachmentRules | undefined)[]): AttachmentRules | undefined {
  if (rules.length === 0 || rules.some((r) => r === undefined)) return undefined
  const all = rules as AttachmentRules[]
  // '*/*' (Chatter) takes anything; otherwise the types every list names.
  const lists = all.map((r) => r.accept).filter((list) => !list.includes('*/*'))
  const accept = lists.length === 0 ? ['*/*'] : lists[0]!.filter((t) => lists.every((list) => list.includes(t)))
  return {
    max: Math.min(...all.map((r) => r.max)),
    maxBytes: Math.min(...all.map((r) => r.maxBytes)),
    accept,
    describe: all.some((r) => r.describe),
  }
}

/** Why a file cannot go with this draft, or undefined when it can. */
export function refusal(
  file: Pick<PickedFile, 'name' | 'type' | 'size'>,
  rules: AttachmentRules,
  count: number,
): string | undefined {
  if (count >= rules.max) return `At most ${rules.max} file${rules.max === 1 ? '' : 's'} per post here.`
  if (!acceptsType(rules.accept, file.type || 'application/octet-stream'))
    return `${file.name}: this type of file cannot be sent here.`
  if (file.size > rules.maxBytes) {
    return `${file.name} is ${formatSize(file.size)}; the limit here is ${formatSize(rules.maxBytes)}.`
  }
  return undefined
}
