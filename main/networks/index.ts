// Every network this build can connect to. The core receives this list (tests pass their own).
import { createBlueskyNetwork } from './bluesky'
import { chatterNetwork } from './chatter'
import type { EndpointOverrides } from './endpoints'
import { createFacebookNetwork } from './facebook'
import { mastodonNetwork } from './mastodon'
import { rssNetwork } from './rss'
import type { NetworkDefinition } from './types'
import { wordpressNetwork } from './wordpress'
import { createXNetwork } from './x'
import { createYammerNetwork } from './yammer'

/** Networks whose hosts are fixed (Yammer, X, Facebook, Bluesky's public AppView) read theirs from `endpoints`. */
export function allNetworks(endpoints: EndpointOverrides = {}): NetworkDefinition[] {
  return [
    mastodonNetwork,
    chatterNetwork,
    createYammerNetwork(endpoints),
    createBlueskyNetwork(endpoints),
    createXNetwork(endpoints),
    createFacebookNetwork(endpoints),
    wordpressNetwork,
    rssNetwork,
  ]
}
