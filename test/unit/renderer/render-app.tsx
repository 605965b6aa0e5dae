// Renders the whole App against a fake Api and a fresh fake-indexeddb database.
import { render } from '@testing-library/react'
import { Dexie } from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { App } from '../../../renderer/App'
import { ServicesProvider, type AppServices } from '../../../renderer/app-context'
import { createSanitizer } from '../../../renderer/common/sanitize'
import { createDatabase } from '../../../renderer/db/database'
import { createStores } from '../../../renderer/store'
import type { FakeApi } from './fake-api'

// Dexie's liveQuery (useLiveQuery) reads these, captured when Dexie loaded: jsdom has none.
Dexie.dependencies.indexedDB = indexedDB
Dexie.dependencies.IDBKeyRange = IDBKeyRange

// jsdom does no layout: give column bodies a size so the virtualized list renders rows.
for (const [prop, size] of [
  ['clientHeight', 800],
  ['clientWidth', 340],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('column-body') ? size : 0
    },
  })
}

let counter = 0

export function createTestServices(fake: FakeApi, now = Date.parse('2025-01-01T13:00:00Z')) {
  const opened: string[] = []
  const services: AppServices = {
    api: fake.api,
    db: createDatabase({ name: `crosstalk-ui-test-${Math.random().toString(36).slice(2)}-${counter++}` }),
    stores: createStores({ connection: 'connected' }),
    sanitizer: createSanitizer(window),
    now: () => now,
    openWindow: (url) => void opened.push(url),
  }
  return { services, opened }
}

export function renderApp(services: AppServices) {
  return render(
    <ServicesProvider value={services}>
      <App />
    </ServicesProvider>,
  )
}
