import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { lazyScreen, ScreenBoundary } from './components/lazyScreen'
import { presenterRoute } from './features/workshop/presenterRoute'
import './styles.css'

// Read before the transport takes the token out of the fragment: a presenter window shows only the workshop.
const presenter = presenterRoute(location.hash)
const presenterPage = lazyScreen(() => import('./features/workshop/Presenter'), 'PresenterPage')

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{presenter ? (
      <ScreenBoundary>
        <presenterPage.component {...presenter} />
      </ScreenBoundary>
    ) : (
      <App />
    )}</StrictMode>
)
