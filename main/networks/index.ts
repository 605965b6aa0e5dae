// Every network this build can connect to. The core receives this list (tests pass their own).
import { chatterNetwork } from './chatter'
import { mastodonNetwork } from './mastodon'
import type { NetworkDefinition } from './types'

export function allNetworks(): NetworkDefinition[] {
  return [mastodonNetwork, chatterNetwork]
}
