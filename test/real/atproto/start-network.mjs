// Runs under Node 22 (dev-env needs it): starts the AT Protocol reference servers (PLC, PDS,
// AppView, …) from @atproto/dev-env, seeds two people who post, reply, mention, follow and like,
// writes what the tests need to the JSON file named by ATP_REAL_SEED, then waits for SIGTERM.
import { writeFileSync } from 'node:fs'
import { AtpAgent } from '@atproto/api'
import { TestNetwork } from '@atproto/dev-env'

const network = await TestNetwork.create({ dbPostgresSchema: 'crosstalk' })
const pdsUrl = network.pds.url

async function person(handle) {
  const agent = new AtpAgent({ service: pdsUrl })
  await agent.createAccount({ handle, email: `${handle}@example.com`, password: `${handle}-password` })
  const { data } = await agent.com.atproto.server.createAppPassword({ name: 'Crosstalk' })
  return { agent, handle, did: agent.session.did, appPassword: data.password }
}

const alice = await person('alice.test')
const bob = await person('bob.test')

const rt = (text, facets) => ({
  $type: 'app.bsky.feed.post',
  text,
  createdAt: new Date().toISOString(),
  ...(facets ? { facets } : {}),
})
await alice.agent.follow(bob.did)
const hello = await bob.agent.post(rt('Hello from Bob: the #community call is Thursday'))
const mine = await alice.agent.post(rt('Alice here: roadmap notes are up'))
const mentionText = '@alice.test can you check the export bug?'
await bob.agent.post(
  rt(mentionText, [
    {
      index: { byteStart: 0, byteEnd: '@alice.test'.length },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did: alice.did }],
    },
  ]),
)
const reply = await bob.agent.post({
  ...rt('Bob replies: thanks for the notes'),
  reply: { root: { uri: mine.uri, cid: mine.cid }, parent: { uri: mine.uri, cid: mine.cid } },
})
await bob.agent.like(mine.uri, mine.cid)
await alice.agent.like(hello.uri, hello.cid)
await network.processAll()

writeFileSync(
  process.env.ATP_REAL_SEED,
  JSON.stringify({
    pdsUrl,
    appviewUrl: network.bsky.url,
    alice: { handle: alice.handle, did: alice.did, appPassword: alice.appPassword },
    bob: { handle: bob.handle, did: bob.did },
    posts: { hello: hello.uri, mine: mine.uri, reply: reply.uri },
  }),
)
console.log(`AT Protocol network ready: PDS ${pdsUrl}, AppView ${network.bsky.url}`)

const stop = async () => {
  await network.close().catch(() => {})
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
setInterval(() => {}, 60_000)
