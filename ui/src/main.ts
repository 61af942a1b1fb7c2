import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
// Sets <html data-theme> before the first paint.
import './lib/theme.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Kairos: #app element missing from index.html');

export default mount(App, { target });
