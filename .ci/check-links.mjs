// Every relative link in README.md and docs/*.md resolves: the file exists and, for a #fragment, the target has a
// heading of that name (GitHub's anchors: lower case, punctuation dropped, spaces as dashes).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
const anchors = (file) => {
  const seen = new Map();
  return new Set(readFileSync(file, 'utf8').split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => {
    const slug = l.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug) || 0;
    seen.set(slug, n + 1);
    return n ? `${slug}-${n}` : slug;
  }));
};
let broken = 0;
for (const page of pages) {
  const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(target)) continue;
    const [path, fragment] = target.split('#');
    const file = path ? resolve(root, dirname(page), path) : join(root, page);
    if (!existsSync(file)) {
      console.error(`${page}: ${target}: no such file`);
      broken++;
    } else if (fragment && file.endsWith('.md') && !anchors(file).has(fragment)) {
      console.error(`${page}: ${target}: no heading #${fragment}`);
      broken++;
    }
  }
}
console.log(`${pages.length} pages, ${broken} broken links`);
process.exit(broken ? 1 : 0);
