/**
 * The HTML report on a phone (issue 14): at 390 px wide in Debian's headless Chromium, nothing runs off
 * the right edge, the charts' text (labels, counts) is drawn at 10 px or more and inside its chart, the
 * tables' text is 10 px or more, and each finding is a card (the row a block, each cell under its name).
 * Skipped, saying why, when /usr/bin/chromium is absent outside CI (.ci/install-chromium.sh installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { scanFile } from '../../src/scan.js';
import { renderReport } from '../../src/report/index.js';
import { sampleReport } from '../helpers/sample-report.js';
import { FIXTURES, cli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const WIDTH = 390;

if (!available && process.env.CI) {
  describe('HTML report at 390 px', () => {
    it('needs /usr/bin/chromium in CI', () => {
      throw new Error(`${CHROMIUM} is missing: CI must run .ci/install-chromium.sh before the tests`);
    });
  });
}

interface Measures {
  scrollWidth: number;
  figures: { id: string; right: number }[];
  texts: { text: string; px: number; inside: boolean }[];
  /** Every visible element of a table or chart card holding text of its own: its font size and right edge. */
  htmlTexts: { text: string; px: number; right: number }[];
  /** The findings tables' rows (cards) and cells: display, right edge, each cell's label (::before). */
  cards: { display: string; right: number; width: number; cells: { k: string; label: string; right: number }[] }[];
}

/**
 * Run in the page (a string: the tests are type-checked without the DOM library): the page's width,
 * each chart card's right edge, and each visible chart text's drawn size and whether it is inside its chart.
 */
const MEASURE = `(() => {
  const doc = document.documentElement;
  const figures = [...document.querySelectorAll('figure')].map((f) => ({ id: f.id, right: f.getBoundingClientRect().right }));
  const texts = [];
  for (const svg of document.querySelectorAll('figure svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue; // the layout for the other screen width
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      texts.push({ text: t.textContent || '', px: parseFloat(getComputedStyle(t).fontSize) * scale, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 });
    }
  }
  const htmlTexts = [];
  for (const el of document.querySelectorAll('table *, figure figcaption, figure .note, figure p')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(' ').trim();
    const r = el.getBoundingClientRect();
    if (!own || r.width === 0 || el.closest('details:not([open])')) continue;
    htmlTexts.push({ text: own.slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize), right: r.right });
  }
  const cards = [...document.querySelectorAll('table.findings tbody tr')].filter((tr) => !tr.hidden).slice(0, 200).map((tr) => {
    const r = tr.getBoundingClientRect();
    return {
      display: getComputedStyle(tr).display,
      right: r.right,
      width: r.width,
      cells: [...tr.cells].filter((td) => td.getBoundingClientRect().width > 0).map((td) => ({ k: td.dataset.k || '', label: getComputedStyle(td, '::before').content, right: td.getBoundingClientRect().right })),
    };
  });
  return { scrollWidth: Math.max(doc.scrollWidth, document.body.scrollWidth), figures, texts, htmlTexts, cards };
})()`;

describe.skipIf(!available)(available ? 'HTML report at 390 px' : `HTML report at 390 px — skipped: ${CHROMIUM} is not installed`, () => {
  let dir: string;
  let context: BrowserContext;
  const pages: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cnil-audit-narrow-'));
    const sample = join(dir, 'sample.html');
    writeFileSync(sample, [...(await renderReport('html', sampleReport(), 'en'))].join(''));
    pages.push(sample);
    // Real reports, in French (longer labels), with many rules and sources.
    for (const name of ['nationbuilder-people.csv', 'fichier-militants-excel.csv']) {
      cpSync(join(FIXTURES, name), join(dir, name));
      const html = join(dir, `${name}.html`);
      await scanFile({ input: join(dir, name), dryRun: false, out: join(dir, `${name}.clean.csv`), reports: [html], for: ['email', 'sms'], asOf: '2026-11-23', lang: 'fr' });
      pages.push(html);
    }
    // The combined report of several inputs: each file a section, the script run on each.
    const combined = cli(['scan', 'nationbuilder-people.csv', 'fichier-militants-excel.csv', '--as-of', '2026-11-23', '--dry-run', '-r', 'all.html', '--quiet', '--lang', 'fr'], { cwd: dir });
    expect(combined.code).toBe(1);
    pages.push(join(dir, 'all.html'));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: WIDTH, height: 844 },
    });
  }, 60000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has no horizontal overflow, and the charts\' text is at least 10 px and inside its chart', async () => {
    for (const file of pages) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const m = (await page.evaluate(MEASURE)) as Measures;
      expect(m.scrollWidth, file).toBeLessThanOrEqual(WIDTH);
      expect(m.figures.length).toBeGreaterThan(3);
      for (const f of m.figures) expect(f.right, `${file} #${f.id}`).toBeLessThanOrEqual(WIDTH);
      expect(m.texts.length).toBeGreaterThan(10);
      for (const t of m.texts) {
        expect(t.px, `${file}: "${t.text}"`).toBeGreaterThanOrEqual(10);
        expect(t.inside, `${file}: "${t.text}" runs out of its chart`).toBe(true);
      }
      // HTML text in the tables and chart cards: 10 px or more (the smallest font in the style).
      expect(m.htmlTexts.length).toBeGreaterThan(20);
      for (const t of m.htmlTexts) expect(t.px, `${file}: "${t.text}"`).toBeGreaterThanOrEqual(10);
      // Each finding is a card: the row a block, inside the page, every shown cell under its column's name.
      expect(m.cards.length).toBeGreaterThan(0);
      for (const c of m.cards) {
        expect(c.display, file).toBe('block');
        expect(c.right, file).toBeLessThanOrEqual(WIDTH);
        expect(c.width, file).toBeGreaterThan(WIDTH * 0.8);
        expect(c.cells.map((x) => x.k)).toContain('message');
        for (const x of c.cells) {
          expect(x.label, `${file}: label of ${x.k}`).toMatch(/^"\S.*"$/);
          expect(x.right, `${file}: cell ${x.k}`).toBeLessThanOrEqual(WIDTH);
        }
      }
      await page.close();
    }
  }, 60000);

  it('the combined report of several inputs runs its script in each file\'s section', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'all.html')).href, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    for (const p of ['f1', 'f2']) {
      await expect(page.locator(`#${p}-controls`).isVisible()).resolves.toBe(true);
      const total = await page.locator(`#${p}-findings-table tbody tr`).count();
      const rule = await page.locator(`#${p}-findings-table tbody tr`).first().getAttribute('data-rule');
      await page.selectOption(`#${p}-filter-rule`, rule!);
      const shown = await page.locator(`#${p}-findings-table tbody tr:not([hidden])`).count();
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(total);
      await expect(page.locator(`#${p}-shown-count`).textContent()).resolves.toBe(String(shown));
    }
    await page.close();
  }, 60000);
});
