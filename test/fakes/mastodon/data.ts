// The fake instance's world: accounts, statuses, notifications, and how each renders as the JSON
// a real Mastodon server sends (REST::StatusSerializer, REST::AccountSerializer, ...).
//
// The JSON shapes below are written out independently of main/networks/mastodon/schemas.ts on
// purpose: the fake imitates the server, and the adapter's schemas must be checked against it,
// not derived from it.
import { extractMentions, extractTags, formatStatus, type MentionTarget } from './format'

export interface AccountJson {
  id: string
  username: string
  acct: string
  display_name: string
  locked: boolean
  bot: boolean
  discoverable: boolean
  indexable: boolean
  group: boolean
  created_at: string
  note: string
  url: string
  uri: string
  avatar: string
  avatar_static: string
  header: string
  header_static: string
  followers_count: number
  following_count: number
  statuses_count: number
  last_status_at: string | null
  hide_collections: boolean
  noindex: boolean
  emojis: unknown[]
  roles: unknown[]
  fields: { name: string; value: string; verified_at: string | null }[]
}

export interface MediaAttachmentJson {
  id: string
  type: 'image' | 'gifv' | 'video' | 'audio' | 'unknown'
  url: string
  preview_url: string | null
  remote_url: string | null
  preview_remote_url: string | null
  text_url: string | null
  meta: Record<string, unknown>
  description: string | null
  blurhash: string | null
}

export interface StatusJson {
  id: string
  created_at: string
  in_reply_to_id: string | null
  in_reply_to_account_id: string | null
  sensitive: boolean
  spoiler_text: string
  visibility: 'public' | 'unlisted' | 'private' | 'direct'
  language: string | null
  uri: string
  url: string | null
  replies_count: number
  reblogs_count: number
  favourites_count: number
  edited_at: string | null
  favourited: boolean
  reblogged: boolean
  muted: boolean
  bookmarked: boolean
  pinned?: boolean
  content: string
  filtered: unknown[]
  reblog: StatusJson | null
  application?: { name: string; website: string | null }
  account: AccountJson
  media_attachments: MediaAttachmentJson[]
  mentions: { id: string; username: string; url: string; acct: string }[]
  tags: { name: string; url: string }[]
  emojis: unknown[]
  card: null
  poll: null
}

export interface NotificationJson {
  id: string
  type: 'mention' | 'status' | 'reblog' | 'follow' | 'follow_request' | 'favourite' | 'poll' | 'update'
  created_at: string
  group_key: string
  account: AccountJson
  status?: StatusJson
}

interface AccountRecord {
  id: string
  username: string
  /** Set for accounts of other servers (acct is then username@domain). */
  domain?: string
  displayName: string
  note: string
  bot?: boolean
  createdAt: number
  followers: number
  following: number
  color: string
}

interface MediaRecord {
  id: string
  type: MediaAttachmentJson['type']
  description?: string
  width: number
  height: number
  /** Uploaded through POST /api/v2/media: the file as sent (served at its url). */
  upload?: { mimeType: string; bytes: Buffer; filename: string }
  /** Video and audio are processed after the upload: this many more GET /api/v1/media/:id answer 206. */
  processing?: number
}

interface StatusRecord {
  id: string
  createdAt: number
  accountId: string
  text: string
  spoilerText: string
  visibility: StatusJson['visibility']
  inReplyToId?: string
  reblogOfId?: string
  media: MediaRecord[]
  mentionIds: string[]
  tags: string[]
  favourites: number
  /** The signed-in user favourited it (POST /api/v1/statuses/:id/favourite). */
  favouritedByMe?: boolean
}

interface NotificationRecord {
  id: string
  type: NotificationJson['type']
  createdAt: number
  accountId: string
  statusId?: string
}

export interface AddStatusInput {
  text?: string
  tag?: string
  mentionMe?: boolean
  inReplyToId?: string
  /** Username of an existing account (default: one of the others, in turn). */
  author?: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Compares numeric id strings of any length (Snowflake ids exceed 2^53). */
export const compareIds = (a: string, b: string): number => {
  const x = toBig(a)
  const y = toBig(b)
  return x < y ? -1 : x > y ? 1 : 0
}
export const toBig = (id: string): bigint => (/^\d+$/.test(id) ? BigInt(id) : 0n)

export class UnknownAuthorError extends Error {}

export function createWorld(now: () => number) {
  const accounts: AccountRecord[] = []
  const statuses = new Map<string, StatusRecord>()
  const notifications: NotificationRecord[] = []
  let lastStatusId = 0n
  let nextNotificationId = 34_975_800
  let nextMediaId = 22_345_700
  let rotation = 0

  /** Mastodon ids: milliseconds since the epoch shifted left 16 bits, plus a sequence; always increasing here. */
  function snowflake(ms: number): string {
    let id = BigInt(ms) << 16n
    if (id <= lastStatusId) id = lastStatusId + 1n
    lastStatusId = id
    return id.toString()
  }

  const addAccount = (a: Omit<AccountRecord, 'createdAt' | 'color'> & { daysOld: number; color?: string }) => {
    const rec: AccountRecord = { ...a, createdAt: now() - a.daysOld * 24 * HOUR, color: a.color ?? '#6364ff' }
    accounts.push(rec)
    return rec
  }

  const me = addAccount({
    id: '108',
    username: 'sam',
    displayName: 'Sam Rivera · Acme Community',
    note: 'Community lead at Acme. Ask me about our open-source tools.',
    daysOld: 900,
    followers: 1284,
    following: 312,
    color: '#2b90d9',
  })
  const alice = addAccount({
    id: '2071',
    username: 'alice',
    displayName: 'Alice Moreau',
    note: 'Maintainer of acme-cli. Tea, trains and type systems.',
    daysOld: 700,
    followers: 843,
    following: 201,
    color: '#d9632b',
  })
  const bob = addAccount({
    id: '109458',
    username: 'bob',
    domain: 'fosstodon.example',
    displayName: 'Bob Okafor',
    note: 'SRE. Writes about incidents so you do not have to have them.',
    daysOld: 400,
    followers: 2210,
    following: 480,
    color: '#3a9d5d',
  })
  const carol = addAccount({
    id: '3022',
    username: 'carol',
    displayName: 'Carol Ng 🌱',
    note: 'Docs, accessibility and good alt text.',
    daysOld: 650,
    followers: 512,
    following: 388,
    color: '#a23ad9',
  })
  const dmitri = addAccount({
    id: '110233',
    username: 'dmitri',
    domain: 'hachyderm.example',
    displayName: 'Dmitri Volkov',
    note: 'Compilers by day, synths by night.',
    daysOld: 300,
    followers: 190,
    following: 170,
    color: '#c9a227',
  })
  const status = addAccount({
    id: '4150',
    username: 'acmestatus',
    displayName: 'Acme Status',
    note: 'Automated service status for Acme Cloud.',
    bot: true,
    daysOld: 500,
    followers: 4021,
    following: 0,
    color: '#555b6e',
  })
  const frank = addAccount({
    id: '111902',
    username: 'frank',
    domain: 'social.example',
    displayName: 'Frank Osei',
    note: 'Product person. Opinions are my cat’s.',
    daysOld: 200,
    followers: 77,
    following: 93,
    color: '#d92b6a',
  })
  const others = [alice, bob, carol, dmitri, frank]

  const byUsername = (username: string, domain?: string) =>
    accounts.find((a) => a.username.toLowerCase() === username.toLowerCase() && (domain === undefined || a.domain === domain))

  function createStatus(s: {
    accountId: string
    text: string
    at: number
    spoilerText?: string
    visibility?: StatusJson['visibility']
    inReplyToId?: string
    media?: (Omit<MediaRecord, 'id'> & { id?: string })[]
    favourites?: number
  }): StatusRecord {
    const mentionIds = extractMentions(s.text)
      .map((m) => byUsername(m.username, m.domain)?.id)
      .filter((id): id is string => id !== undefined)
    const rec: StatusRecord = {
      id: snowflake(s.at),
      createdAt: s.at,
      accountId: s.accountId,
      text: s.text,
      spoilerText: s.spoilerText ?? '',
      visibility: s.visibility ?? 'public',
      inReplyToId: s.inReplyToId,
      media: (s.media ?? []).map((m) => ({ ...m, id: m.id ?? String(nextMediaId++) })),
      mentionIds: [...new Set(mentionIds)],
      tags: extractTags(s.text),
      favourites: s.favourites ?? 0,
    }
    statuses.set(rec.id, rec)
    if (rec.mentionIds.includes(me.id) && rec.accountId !== me.id) notify('mention', rec.accountId, rec.id, s.at)
    return rec
  }

  function reblog(accountId: string, original: StatusRecord, at: number): StatusRecord {
    const rec: StatusRecord = {
      id: snowflake(at),
      createdAt: at,
      accountId,
      text: '',
      spoilerText: '',
      visibility: 'public',
      reblogOfId: original.id,
      media: [],
      mentionIds: [],
      tags: [],
      favourites: 0,
    }
    statuses.set(rec.id, rec)
    if (original.accountId === me.id) notify('reblog', accountId, original.id, at)
    return rec
  }

  function notify(type: NotificationRecord['type'], accountId: string, statusId: string | undefined, at: number) {
    notifications.push({ id: String(nextNotificationId++), type, createdAt: at, accountId, statusId })
  }

  seed()

  function seed() {
    const t = now()
    const ago = (minutes: number) => t - minutes * MINUTE
    const post = (
      who: AccountRecord,
      minutesAgo: number,
      text: string,
      extra: Partial<Parameters<typeof createStatus>[0]> = {},
    ) => createStatus({ accountId: who.id, text, at: ago(minutesAgo), ...extra })

    post(
      alice,
      4300,
      'Good morning! acme-cli 2.4 is out today: faster startup, better error messages and a new `--dry-run` flag.\n\nRelease notes: https://github.com/acme/acme-cli/releases/tag/v2.4.0 #opensource #community',
      { favourites: 42 },
    )
    post(status, 4200, 'Scheduled maintenance for the EU region on Thursday 02:00–03:00 UTC. No downtime expected. #acmestatus')
    const welcome = post(
      me,
      4100,
      'Welcome to all the new folks who joined our #community this week! Introduce yourself with #introductions and tell us what you are building.',
      { favourites: 18 },
    )
    post(
      dmitri,
      3950,
      'Spent the evening patching a synth firmware. The bug was an off-by-one in the MIDI clock divider, of course. #synth',
    )
    post(carol, 3800, 'Reminder: alt text is not optional. Describe what matters in the picture, not every pixel.', {
      media: [
        {
          type: 'image',
          description: 'A screenshot of the image description field filled in with a short, clear sentence.',
          width: 1280,
          height: 720,
        },
      ],
      favourites: 67,
    })
    post(frank, 3600, 'Hot take: the best roadmap is a short one. cc @sam #product')
    const bugRoot = post(
      alice,
      3300,
      'Has anyone seen `acme sync` hang on large repos after upgrading to 2.4? I can reproduce with ~40k files. #community',
      { favourites: 5 },
    )
    const r1 = post(
      me,
      3280,
      '@alice Thanks for flagging! Could you share the output of `acme sync --verbose`? Our team is looking into it.',
      { inReplyToId: bugRoot.id },
    )
    const r2 = post(bob, 3250, '@alice @sam Same here on a monorepo. It looks like the file watcher never releases its lock.', {
      inReplyToId: r1.id,
      favourites: 3,
    })
    const r3 = post(alice, 3200, '@bob @sam Yes! The lock file in .acme/ stays behind. Deleting it unblocks the next run.', {
      inReplyToId: r2.id,
    })
    post(
      carol,
      3150,
      '@alice @bob @sam I documented the workaround here until there is a fix: https://docs.acme.example/troubleshooting/sync-lock',
      { inReplyToId: r3.id, favourites: 9 },
    )
    post(dmitri, 3100, '@bob @sam Could be the same race we hit in our fork. Happy to send a patch.', { inReplyToId: r2.id })
    post(status, 2900, 'Investigating elevated error rates on the API in us-east. Updates to follow. #acmestatus')
    post(status, 2850, 'Resolved: API error rates are back to normal. A postmortem will be published. #acmestatus')
    post(
      bob,
      2700,
      'Our postmortem for last week’s outage is up. The short version: a config change, no canary, and a very long night.\n\nFull write-up: https://blog.fosstodon.example/2024/postmortem-config-push',
      {
        spoilerText: 'Incident postmortem, long read',
      },
    )
    post(
      carol,
      2500,
      'New guide: writing release notes people actually read. https://docs.acme.example/guides/release-notes #community #docs',
      { favourites: 21 },
    )
    post(frank, 2300, 'What is one small feature you wish every CLI had? Mine: a `--json` flag on everything.', {
      favourites: 12,
    })
    post(alice, 2200, 'Pairing session on the sync lock bug this afternoon. Recording will be on the channel. #opensource')
    post(dmitri, 2000, 'A short video of the synth running the patched firmware. Sound on!', {
      media: [
        { type: 'video', description: 'A small modular synth with blinking LEDs playing an arpeggio.', width: 1280, height: 720 },
      ],
    })
    post(
      me,
      1800,
      'We are hosting a community call next Tuesday at 17:00 UTC. Agenda and link: https://acme.example/community/call #community',
      { favourites: 25 },
    )
    post(bob, 1600, '@sam will the community call be recorded? Different time zone here.', { favourites: 1 })
    post(carol, 1400, 'Our accessibility checklist now has a section on colour contrast in terminal output. #docs #a11y', {
      media: [
        { type: 'image', description: 'A terminal showing warnings in high-contrast yellow on black.', width: 1024, height: 640 },
        { type: 'gifv', description: 'Animation cycling through three colour themes.', width: 600, height: 332 },
      ],
    })
    post(frank, 1200, 'Shipping beats polishing, but polishing is how people fall in love with a product.')
    post(
      alice,
      900,
      'Fix for the sync lock is merged and will be in 2.4.1. Thanks everyone who helped debug! #opensource #community',
      { favourites: 58 },
    )
    post(dmitri, 700, 'Podcast episode about our compiler fork, if you like long conversations about register allocation.', {
      media: [{ type: 'audio', description: 'Podcast episode, 42 minutes.', width: 0, height: 0 }],
    })
    post(status, 500, 'acme-cli 2.4.1 is now available on all package channels. #acmestatus')
    post(bob, 300, 'Friday deploys are fine if your rollback takes one minute. Mine takes one minute and a prayer.', {
      favourites: 30,
    })
    post(carol, 120, 'Looking for reviewers for the new contributor guide. Reply here if you can spare 20 minutes! #community')
    post(frank, 45, '@sam any news on the roadmap post? Asking for a friend (the friend is me).')

    // Boosts, spread over the same days.
    const all = [...statuses.values()]
    const find = (pred: (s: StatusRecord) => boolean) => all.find(pred)!
    reblog(
      carol.id,
      find((s) => s.accountId === alice.id && s.text.startsWith('Good morning')),
      ago(4250),
    )
    reblog(bob.id, welcome, ago(4000))
    reblog(
      alice.id,
      find((s) => s.text.startsWith('We are hosting')),
      ago(1750),
    )
    reblog(
      dmitri.id,
      find((s) => s.text.startsWith('Fix for the sync lock')),
      ago(850),
    )
    reblog(
      frank.id,
      find((s) => s.text.startsWith('Friday deploys')),
      ago(200),
    )

    notify('follow', frank.id, undefined, ago(3700))
    notify('favourite', alice.id, welcome.id, ago(4050))
    notify('favourite', carol.id, r1.id, ago(3240))
  }

  /** Ready-made lines for statuses added without text. */
  const SAMPLES = [
    'Just pushed a small fix for the docs search. Let me know if anything looks off.',
    'Coffee, then code review. In that order. #community',
    'Does anyone have a good example of a changelog written for humans? #docs',
    'The new dashboard loads twice as fast for me. Nice work, team! #opensource',
    'Reading the contributor guide draft now, leaving comments inline.',
    'Tiny thing that made my day: the CLI now suggests the right command when you make a typo.',
    'Thread about what we learned running office hours for a year, coming soon. #community',
    'Quick poll in my head: tabs or spaces? (The answer is whatever the formatter says.)',
  ]

  return {
    me,
    accounts,
    statuses,
    notifications,
    byUsername,
    account: (id: string) => accounts.find((a) => a.id === id),
    /** Another person, with no statuses yet (for people search). */
    addAccount,
    /** Exactly this status, as the server stores a posted one (writes.ts). */
    createStatus,
    /** A media id for an upload (POST /api/v2/media). */
    newMediaId: () => String(nextMediaId++),
    /** Uploaded media by id, attached or not: what /system/media serves. */
    uploads: new Map<string, MediaRecord>(),
    reblog,

    /** A new status, now. Throws UnknownAuthorError for an author that does not exist, RangeError for a bad reply target. */
    addStatus(input: AddStatusInput = {}): StatusRecord {
      const author =
        input.author !== undefined
          ? byUsername(input.author.replace(/^@/, '').split('@')[0]!)
          : others[rotation++ % others.length]
      if (!author) throw new UnknownAuthorError(`No account named "${input.author}" on this server.`)
      const parent = input.inReplyToId !== undefined ? statuses.get(input.inReplyToId) : undefined
      if (input.inReplyToId !== undefined && (!parent || parent.reblogOfId))
        throw new RangeError(`No status ${input.inReplyToId} to reply to.`)
      let text = input.text ?? SAMPLES[(rotation + statuses.size) % SAMPLES.length]!
      if (input.tag) {
        const tag = input.tag.replace(/^#/, '')
        if (!extractTags(text).some((t) => t.toLowerCase() === tag.toLowerCase())) text += ` #${tag}`
      }
      if (input.mentionMe && !extractMentions(text).some((m) => m.username === me.username)) text = `@${me.username} ${text}`
      if (parent) {
        const parentAuthor = accounts.find((a) => a.id === parent.accountId)!
        if (parentAuthor.id !== author.id && !extractMentions(text).some((m) => m.username === parentAuthor.username))
          text = `@${parentAuthor.username} ${text}`
      }
      return createStatus({ accountId: author.id, text, at: now(), inReplyToId: parent?.id })
    },
  }
}

export type World = ReturnType<typeof createWorld>
export type { StatusRecord, NotificationRecord, AccountRecord }

/** Renders world records as API JSON for a server at `origin`. */
export function createRenderer(world: World, origin: string) {
  const isoDate = (ms: number) => new Date(ms).toISOString()

  function accountUrls(a: AccountRecord) {
    const base = a.domain ? `https://${a.domain}` : origin
    return { url: `${base}/@${a.username}`, uri: `${base}/users/${a.username}` }
  }

  function account(a: AccountRecord): AccountJson {
    const own = [...world.statuses.values()].filter((s) => s.accountId === a.id)
    const lastAt = own.reduce((max, s) => Math.max(max, s.createdAt), 0)
    const avatar = `${origin}/system/avatars/${a.username}.svg`
    return {
      id: a.id,
      username: a.username,
      acct: a.domain ? `${a.username}@${a.domain}` : a.username,
      display_name: a.displayName,
      locked: false,
      bot: a.bot ?? false,
      discoverable: true,
      indexable: true,
      group: false,
      created_at: isoDate(new Date(a.createdAt).setUTCHours(0, 0, 0, 0)),
      note: `<p>${a.note}</p>`,
      ...accountUrls(a),
      avatar,
      avatar_static: avatar,
      header: `${origin}/headers/original/missing.png`,
      header_static: `${origin}/headers/original/missing.png`,
      followers_count: a.followers,
      following_count: a.following,
      statuses_count: own.length,
      last_status_at: lastAt ? isoDate(lastAt).slice(0, 10) : null,
      hide_collections: false,
      noindex: false,
      emojis: [],
      roles: [],
      fields: [],
    }
  }

  const mentionTarget = (a: AccountRecord): MentionTarget => ({
    id: a.id,
    username: a.username,
    acct: account(a).acct,
    url: accountUrls(a).url,
  })

  function media(m: MediaRecord): MediaAttachmentJson {
    const ext = m.upload
      ? m.upload.mimeType.split('/')[1]!
      : { image: 'svg', gifv: 'mp4', video: 'mp4', audio: 'mp3', unknown: 'bin' }[m.type]
    const size = m.width
      ? { width: m.width, height: m.height, size: `${m.width}x${m.height}`, aspect: m.width / m.height }
      : undefined
    return {
      id: m.id,
      type: m.type,
      url: `${origin}/system/media/${m.id}-original.${ext}`,
      preview_url: m.type === 'audio' ? null : `${origin}/system/media/${m.id}-small.svg`,
      remote_url: null,
      preview_remote_url: null,
      text_url: null,
      meta: size
        ? {
            original: size,
            small: {
              ...size,
              width: 400,
              height: Math.round((400 * m.height) / m.width),
              size: `400x${Math.round((400 * m.height) / m.width)}`,
            },
          }
        : {},
      description: m.description ?? null,
      blurhash: m.type === 'audio' ? null : 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
    }
  }

  function status(s: StatusRecord): StatusJson {
    const author = world.account(s.accountId)!
    const urls = accountUrls(author)
    const base = author.domain ? `https://${author.domain}` : origin
    const original = s.reblogOfId ? world.statuses.get(s.reblogOfId) : undefined
    const all = [...world.statuses.values()]
    const parent = s.inReplyToId ? world.statuses.get(s.inReplyToId) : undefined
    return {
      id: s.id,
      created_at: isoDate(s.createdAt),
      in_reply_to_id: s.inReplyToId ?? null,
      in_reply_to_account_id: parent?.accountId ?? null,
      sensitive: s.spoilerText !== '',
      spoiler_text: s.spoilerText,
      visibility: s.visibility,
      language: original ? null : 'en',
      uri: original ? `${urls.uri}/statuses/${s.id}/activity` : `${urls.uri}/statuses/${s.id}`,
      url: `${base}/@${author.username}/${s.id}`,
      replies_count: original ? 0 : all.filter((x) => x.inReplyToId === s.id).length,
      reblogs_count: original ? 0 : all.filter((x) => x.reblogOfId === s.id).length,
      favourites_count: s.favourites,
      edited_at: null,
      favourited: s.favouritedByMe === true,
      reblogged: all.some((x) => x.reblogOfId === (original?.id ?? s.id) && x.accountId === world.me.id),
      muted: false,
      bookmarked: false,
      ...(s.accountId === world.me.id && !original ? { pinned: false, application: { name: 'Web', website: null } } : {}),
      content: original
        ? ''
        : formatStatus(s.text, origin, (username, domain) => {
            const a = world.byUsername(username, domain)
            return a ? mentionTarget(a) : undefined
          }),
      filtered: [],
      reblog: original ? status(original) : null,
      account: account(author),
      media_attachments: s.media.map(media),
      mentions: s.mentionIds
        .map((id) => mentionTarget(world.account(id)!))
        .map(({ id, username, url, acct }) => ({ id, username, url, acct })),
      tags: s.tags.map((name) => ({ name: name.toLowerCase(), url: `${origin}/tags/${encodeURIComponent(name.toLowerCase())}` })),
      emojis: [],
      card: null,
      poll: null,
    }
  }

  function notification(n: NotificationRecord): NotificationJson {
    const s = n.statusId ? world.statuses.get(n.statusId) : undefined
    return {
      id: n.id,
      type: n.type,
      created_at: isoDate(n.createdAt),
      group_key: `ungrouped-${n.id}`,
      account: account(world.account(n.accountId)!),
      ...(s ? { status: status(s) } : {}),
    }
  }

  return { account, status, notification, media }
}
