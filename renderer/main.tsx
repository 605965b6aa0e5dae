// The renderer's composition root: bridge, database, stores, sanitizer, then the first paint
// from the cache, then main.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { ServicesProvider, type AppServices } from './app-context'
import { createBridge } from './bridge'
import { createSanitizer } from './common/sanitize'
import { createDatabase } from './db/database'
import { startApp } from './startup'
import { createStores } from './store'
import './styles.css'

const bridge = createBridge(window)
const services: AppServices = {
  api: bridge.api,
  db: createDatabase(),
  stores: createStores({ connection: bridge.connection.get() }),
  sanitizer: createSanitizer(window),
  now: () => Date.now(),
  openWindow: (url) => {
    window.open(url, '_blank', 'noopener')
  },
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <ServicesProvider value={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
)
startApp(services, { connection: bridge.connection })
