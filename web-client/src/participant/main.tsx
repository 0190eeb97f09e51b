import '../styles/fonts.css';
import '../styles/base.css';
import '../styles/agenda.css';
import '../styles/live.css';
import { render } from 'preact';
import { registerShellWorker } from '../shell/register';
import { ParticipantApp } from './ParticipantApp';

const root = document.getElementById('app');
if (root) render(<ParticipantApp />, root);
registerShellWorker();
