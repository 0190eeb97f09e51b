import '../styles/fonts.css';
import '../styles/base.css';
import '../styles/live.css';
import { render } from 'preact';
import { ScreenApp } from './ScreenApp';

const root = document.getElementById('app');
if (root) render(<ScreenApp />, root);
