import './configureZod';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/jobs.css';
import './steps/Tag/tag.css';
import './steps/Rebuild/rebuild.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { useReleaseStore } from './stores/releaseStore';
import './stores/jobsStore';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

// Load the project once, before the first render, so StrictMode's doubled effects cannot repeat it.
void useReleaseStore.getState().loadProject();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
