import '../styles/fonts.css';
import '../styles/base.css';
import '../styles/live.css';
import '../styles/regions.css';
import { render } from 'preact';
import { ModeratorApp } from './ModeratorApp';

const root = document.getElementById('app');
if (root) render(<ModeratorApp />, root);
