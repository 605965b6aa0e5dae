// A draft's file as the body part of a multipart upload (every network that takes files).
import type { OutgoingFile } from './types'

/** The bytes are copied into a plain ArrayBuffer-backed view, which Blob accepts everywhere. */
export const fileBlob = (file: Pick<OutgoingFile, 'bytes' | 'mimeType'>): Blob =>
  new Blob([new Uint8Array(file.bytes)], { type: file.mimeType })
