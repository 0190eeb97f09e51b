import '../styles/fonts.css';
import '../styles/base.css';
import '../styles/live.css';
import { render } from 'preact';
import { CaptionApp } from './CaptionApp';

const root = document.getElementById('app');
if (root) render(<CaptionApp />, root);
