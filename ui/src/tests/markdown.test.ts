import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Markdown from '../components/Markdown.svelte';
import { renderMarkdown, safeHref } from '../lib/markdown';
import corpusFile from '../../../tests/fixtures/xss.txt?raw';

/** What a browser builds from the rendered HTML. */
function dom(source: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderMarkdown(source);
  return host;
}

const ALLOWED = new Set([
  'P', 'H3', 'H4', 'H5', 'H6', 'EM', 'STRONG', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'HR', 'BR', 'A',
]);

/** Every rule the rendered DOM must keep, whatever the input. */
function expectInert(root: HTMLElement): void {
  expect(root.querySelectorAll('script, iframe, object, embed, svg, math, img, style, link, meta, form, input, base'))
    .toHaveLength(0);
  for (const el of root.querySelectorAll('*')) {
    expect(ALLOWED.has(el.tagName), `unexpected <${el.tagName.toLowerCase()}>`).toBe(true);
    for (const attr of el.attributes) {
      expect(attr.name.toLowerCase().startsWith('on'), `attribute ${attr.name}`).toBe(false);
      expect(['href', 'target', 'rel', 'start']).toContain(attr.name);
    }
  }
  for (const a of root.querySelectorAll('a')) {
    expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
    expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  }
}

const HOSTILE: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=10 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click]( javascript:alert(1) )',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](<javascript:alert(1)>)',
  '[x](https://ok.example/" onmouseover="alert(1))',
  '[x](https://ok.example/"onmouseover="alert(1)")',
  '![x](https://evil.example/a.png" onerror="alert(1))',
  '![<img src=x onerror=alert(1)>](javascript:alert(1))',
  '<javascript:alert(1)>',
  '<https://ok.example/"><script>alert(1)</script>>',
  '[a](https://ok.example/) <b onclick="alert(1)">bold</b>',
  '**<i onmouseover=alert(1)>x</i>**',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '> <style>body{display:none}</style>\n> <link rel=stylesheet href=//evil>',
  '<div><p>broken <b>html',
  '<!-- <script>alert(1)</script> -->',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '[![x](javascript:alert(1))](javascript:alert(2))',
  '- [item](javascript:alert(1))\n  - <img src=x onerror=alert(1)>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '[x](mailto:a@b.example?body=<script>)',
  'https://ok.example/?q=<script>alert(1)</script>',
  '<base href="javascript:/">[a](/relative)',
  '[relative](/etc/passwd) [proto](//evil.example)',
  '>'.repeat(500) + ' deep',
  '*'.repeat(3000) + 'x' + '*'.repeat(3000),
  '['.repeat(2000) + 'x' + ']'.repeat(2000) + '(javascript:alert(1))',
];

describe('renderMarkdown', () => {
  it('renders the usual Markdown', () => {
    expect(renderMarkdown('# Title\n\nSome *em*, **strong** and `code`.')).toBe(
      '<h3>Title</h3><p>Some <em>em</em>, <strong>strong</strong> and <code>code</code>.</p>',
    );
    expect(renderMarkdown('- one\n- two\n  - nested')).toBe('<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>');
    expect(renderMarkdown('3. c\n4. d')).toBe('<ol start="3"><li>c</li><li>d</li></ol>');
    expect(renderMarkdown('> quoted\ngoes on')).toBe('<blockquote><p>quoted<br>goes on</p></blockquote>');
    expect(renderMarkdown('```\nlet a = 1 < 2;\n```')).toBe('<pre><code>let a = 1 &lt; 2;</code></pre>');
    expect(renderMarkdown('a\n\n---\n\nb')).toBe('<p>a</p><hr><p>b</p>');
    expect(renderMarkdown('Title\n===')).toBe('<h3>Title</h3>');
    expect(renderMarkdown('snake_case_name and 2*3*4')).toBe('<p>snake_case_name and 2<em>3</em>4</p>');
    expect(renderMarkdown('\\*not em\\*')).toBe('<p>*not em*</p>');
  });

  it('links to http, https and mailto addresses only', () => {
    expect(renderMarkdown('[docs](https://example.com/a?b=1&c=2)')).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">docs</a></p>',
    );
    expect(dom('<https://example.com>').querySelector('a')?.getAttribute('href')).toBe('https://example.com/');
    expect(dom('See https://example.com/x, then.').querySelector('a')?.textContent).toBe('https://example.com/x');
    expect(dom('[mail](mailto:lead@example.com)').querySelector('a')?.getAttribute('href')).toBe(
      'mailto:lead@example.com',
    );
    // Anything else keeps its text, without a link.
    expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p>click</p>');
    expect(renderMarkdown('[file](/etc/passwd)')).toBe('<p>file</p>');
    expect(renderMarkdown('![diagram](https://example.com/d.png)')).toBe('<p>diagram</p>');
  });

  it('shows HTML as text', () => {
    expect(renderMarkdown('<b>bold</b> & "quotes"')).toBe('<p>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;</p>');
    expect(dom('<script>alert(1)</script>').textContent).toBe('<script>alert(1)</script>');
  });

  it('safeHref accepts only well-formed http, https and mailto addresses', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTP://EXAMPLE.COM/x')).toBe('http://example.com/x');
    for (const bad of ['javascript:alert(1)', ' javascript:x', 'data:text/html,x', '//evil', '/x', 'java\nscript:x', 'https://a b']) {
      expect(safeHref(bad)).toBeNull();
    }
  });

  it(`keeps ${HOSTILE.length} hostile inputs inert`, () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(20);
    for (const source of HOSTILE) expectInert(dom(source));
  });

  it('keeps every payload of the XSS corpus of the end-to-end test inert', () => {
    // One payload a line, where a backslash and n, t or a backslash stand for a line break, a
    // tab or a backslash (as tests/e2e/xss.rs reads it).
    const corpus = corpusFile
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/\\(n|t|\\)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\')));
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    for (const source of corpus) expectInert(dom(source));
  });

  it('keeps them inert in the component too, with the source visible as text', () => {
    for (const source of HOSTILE.slice(0, 25)) {
      const { getByTestId, unmount } = render(Markdown, { source, testid: 'md' });
      expectInert(getByTestId('md'));
      unmount();
    }
    const { getByTestId } = render(Markdown, { source: '<img src=x onerror=alert(1)> **hi**', testid: 'md' });
    expect(getByTestId('md')).toHaveTextContent('<img src=x onerror=alert(1)> hi');
  });

  it('renders a long hostile description quickly', () => {
    const started = performance.now();
    renderMarkdown('**a '.repeat(5000) + '[x'.repeat(2000) + '`'.repeat(3000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
