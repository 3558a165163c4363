import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { PresenterPage, presenterRoute } from './features/workshop/Presenter'
import './styles.css'

// Read before the transport takes the token out of the fragment: a presenter window shows only the workshop.
const presenter = presenterRoute(location.hash)

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{presenter ? <PresenterPage {...presenter} /> : <App />}</StrictMode>
)
