// Where each network's servers are. Every network defaults to its real hosts; CROSSTALK_ENDPOINTS
// (JSON, e.g. {"yammer":{"identity":"https://login.microsoftonline.us"}}) overrides them for
// sovereign clouds and for running against local fakes. Each network says which keys it reads.
import { z } from 'zod'
import { NetworkIdSchema, type NetworkId } from '../../preload/model'

const HttpUrlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http or https URL')
  .transform((u) => u.replace(/\/+$/, ''))

export const EndpointOverridesSchema = z.partialRecord(NetworkIdSchema, z.record(z.string(), HttpUrlSchema))
export type EndpointOverrides = z.infer<typeof EndpointOverridesSchema>

/** Parses the CROSSTALK_ENDPOINTS value; a bad one is refused with what was wrong, never half-applied. */
export function parseEndpointOverrides(raw: string | undefined): EndpointOverrides {
  if (raw === undefined || raw.trim() === '') return {}
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new Error('CROSSTALK_ENDPOINTS is not valid JSON.')
  }
  const parsed = EndpointOverridesSchema.safeParse(json)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new Error(
      `CROSSTALK_ENDPOINTS: ${first?.path.length ? `${first.path.join('.')} ` : ''}${first?.message ?? 'is invalid'}.`,
    )
  }
  return parsed.data
}

/** One network's endpoints: its defaults with the overrides it knows applied. Unknown keys are refused. */
export function resolveEndpoints<T extends Record<string, string>>(
  network: NetworkId,
  defaults: T,
  overrides: EndpointOverrides,
): T {
  const mine = overrides[network] ?? {}
  for (const key of Object.keys(mine)) {
    if (!(key in defaults))
      throw new Error(`CROSSTALK_ENDPOINTS: ${network} has no endpoint "${key}" (it has ${Object.keys(defaults).join(', ')}).`)
  }
  return { ...defaults, ...mine }
}
