import '../styles/fonts.css';
import '../styles/base.css';
import '../styles/live.css';
import '../styles/regions.css';
import { render } from 'preact';
import { SpeakerApp } from './SpeakerApp';

const root = document.getElementById('app');
if (root) render(<SpeakerApp />, root);
