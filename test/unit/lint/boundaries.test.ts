// The layer rules in eslint.config.js, checked by running ESLint itself on small snippets placed
// in each folder: a rule that silently stopped matching would let a boundary erode unnoticed.
import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const eslint = new ESLint({ cwd: root })

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('process boundaries (no-restricted-imports)', () => {
  it("only main/electron and preload/index.ts may import 'electron'", async () => {
    const code = "import { app } from 'electron'\nexport const a = app\n"
    expect(await restricted('main/core/x.ts', code)).toHaveLength(1)
    expect(await restricted('main/networks/mastodon/x.ts', code)).toHaveLength(1)
    expect(await restricted('main/web/x.ts', code)).toHaveLength(1)
    expect(await restricted('renderer/x.ts', code)).toHaveLength(1)
    expect(await restricted('preload/contract.ts', code)).toHaveLength(1)
    expect(await restricted('main/electron/x.ts', code)).toEqual([])
    expect(await restricted('preload/index.ts', code)).toEqual([])
  })

  it('networks use the injected Http: no ky, node:http or keytar; our own core/http is fine', async () => {
    const bad = "import ky from 'ky'\nimport http from 'node:http'\nimport keytar from 'keytar'\nexport { ky, http, keytar }\n"
    expect(await restricted('main/networks/x/adapter.ts', bad)).toHaveLength(3)
    const ok = "import type { Http } from '../../core/http/client'\nexport type H = Http\n"
    expect(await restricted('main/networks/x/adapter.ts', ok)).toEqual([])
  })

  it('the core never imports a shell or the renderer', async () => {
    const code = "import { x } from '../web/server'\nimport { y } from '../../renderer/App'\nexport { x, y }\n"
    expect(await restricted('main/core/app2.ts', code)).toHaveLength(2)
  })

  it('the renderer reaches main only through the contract, and has no Node built-ins', async () => {
    const code =
      "import fs from 'node:fs'\nimport path from 'path'\nimport { createCore } from '../main/core/app'\nexport { fs, path, createCore }\n"
    expect(await restricted('renderer/x.ts', code)).toHaveLength(3)
    const ok = "import type { Api } from '../preload/contract'\nexport type A = Api\n"
    expect(await restricted('renderer/x.ts', ok)).toEqual([])
  })
})
