import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { lazyScreen, ScreenBoundary } from './components/lazyScreen'
import { presenterRoute } from './features/workshop/presenterRoute'
import { listenForOpenedFiles } from './state/openedFile'
import './styles.css'

// Read before the transport takes the token out of the fragment: a presenter window shows only the workshop.
const presenter = presenterRoute(location.hash)
const presenterPage = lazyScreen(() => import('./features/workshop/Presenter'), 'PresenterPage')
// Files opened from the file manager go to the main window only, from the first moment it runs.
if (!presenter) listenForOpenedFiles()

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{presenter ? (
      <ScreenBoundary>
        <presenterPage.component {...presenter} />
      </ScreenBoundary>
    ) : (
      <App />
    )}</StrictMode>
)
