import '../styles/fonts.css';
import '../styles/base.css';
import '../styles/agenda.css';
import '../styles/live.css';
import { render } from 'preact';
import { takeDelegateToken } from '../lib/auth';
import { registerShellWorker } from '../shell/register';
import { ParticipantApp } from './ParticipantApp';

// A delegate's link from the portal: kept before anything reads the identity.
takeDelegateToken();
const root = document.getElementById('app');
if (root) render(<ParticipantApp />, root);
registerShellWorker();
