// Renders a BPMN file to PNG with bpmn-js in Debian's Chromium: node .ci/render-bpmn.mjs <in.bpmn> <out.png>
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node .ci/render-bpmn.mjs <in.bpmn> <out.png>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'node_modules', 'bpmn-js', 'dist');
const xml = readFileSync(input, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1900, height: 760 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><head><style>
      ${readFileSync(join(dist, 'assets', 'diagram-js.css'), 'utf8')}
      ${readFileSync(join(dist, 'assets', 'bpmn-js.css'), 'utf8')}
      html, body, #canvas { margin: 0; width: 100%; height: 100%; background: white; }
    </style></head><body><div id="canvas"></div></body></html>`);
  await page.addScriptTag({ path: join(dist, 'bpmn-viewer.production.min.js') });
  const warnings = await page.evaluate(async (diagram) => {
    const viewer = new window.BpmnJS({ container: '#canvas' });
    const result = await viewer.importXML(diagram);
    viewer.get('canvas').zoom('fit-viewport');
    return result.warnings.map((w) => w.message);
  }, xml);
  if (warnings.length) {
    console.error('import warnings:\n' + warnings.join('\n'));
    process.exitCode = 1;
  }
  writeFileSync(output, await page.screenshot({ fullPage: true }));
  console.log(`rendered ${input} -> ${output}`);
} finally {
  await browser.close();
}
