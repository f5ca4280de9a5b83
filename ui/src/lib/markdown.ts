/**
 * A small Markdown renderer for card descriptions that is safe by construction: every piece of
 * the source is escaped, and only a short list of elements is ever emitted — paragraphs,
 * headings, emphasis, strong, inline code, code blocks, lists, block quotes, rules, line
 * breaks, and links to http:, https: and mailto: addresses. Raw HTML is shown as text; images
 * are shown as their description. No attribute but a checked `href` (and fixed `rel`,
 * `target` and `start`) is ever written.
 */

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'code'; text: string }
  | { t: 'em' | 'strong'; children: Inline[] }
  | { t: 'link'; href: string; children: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'p'; text: string }
  | { t: 'h'; level: number; text: string }
  | { t: 'code'; text: string }
  | { t: 'hr' }
  | { t: 'quote'; blocks: Block[] }
  | { t: 'list'; ordered: boolean; start: number; tight: boolean; items: Block[][] };

/** Deeper nesting (quotes in quotes…, emphasis in emphasis…) is shown as plain text. */
const MAX_DEPTH = 12;
const ALLOWED_SCHEMES = ['http:', 'https:', 'mailto:'];

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( {0,3})([-*+]|(\d{1,9})([.)]))([ \t]+(.*)|[ \t]*$)/;
const BLANK = /^[ \t]*$/;

/** The checked address of a link, or null when it is not an http:, https: or mailto: one. */
export function safeHref(raw: string): string | null {
  const text = raw.trim();
  // No spaces or control characters anywhere: browsers drop some of them before the scheme.
  if (text === '' || /[\s\u0000-\u001f\u007f-\u009f]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!ALLOWED_SCHEMES.includes(url.protocol)) return null;
  // The source must say the scheme itself, not rely on how the URL parser reads it.
  if (!text.toLowerCase().startsWith(url.protocol)) return null;
  return url.href;
}

// ---- Blocks ----

function startsBlock(line: string): boolean {
  if (FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line)) return true;
  const item = LIST_ITEM.exec(line);
  // A list can interrupt a paragraph only with a bullet or "1.", and with some text.
  return !!item && item[6] !== undefined && item[6].trim() !== '' && (item[3] === undefined || item[3] === '1');
}

function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n += 1;
    else if (ch === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

/** `line` without its first `n` columns of indentation. */
function unindent(line: string, n: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < n) {
    if (line[i] === ' ') col += 1;
    else if (line[i] === '\t') col += 4 - (col % 4);
    else break;
    i += 1;
  }
  return ' '.repeat(Math.max(0, col - n)) + line.slice(i);
}

export function parseBlocks(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (BLANK.test(line)) {
      i += 1;
      continue;
    }
    if (depth >= MAX_DEPTH) {
      blocks.push({ t: 'p', text: lines.slice(i).join('\n') });
      break;
    }

    const fence = FENCE.exec(line);
    if (fence && !(fence[2][0] === '`' && fence[3].includes('`'))) {
      const [, indent, marks] = fence;
      const body: string[] = [];
      i += 1;
      while (i < lines.length) {
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[i]);
        if (close && close[1][0] === marks[0] && close[1].length >= marks.length) {
          i += 1;
          break;
        }
        body.push(unindent(lines[i], indent.length));
        i += 1;
      }
      blocks.push({ t: 'code', text: body.join('\n') });
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ t: 'h', level: heading[1].length, text: heading[2] ?? '' });
      i += 1;
      continue;
    }

    if (RULE.test(line)) {
      blocks.push({ t: 'hr' });
      i += 1;
      continue;
    }

    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length) {
        const quoted = QUOTE.exec(lines[i]);
        if (quoted) inner.push(quoted[1]);
        // A paragraph inside goes on over lines without ">".
        else if (!BLANK.test(lines[i]) && !startsBlock(lines[i]) && !BLANK.test(inner.at(-1) ?? '')) inner.push(lines[i]);
        else break;
        i += 1;
      }
      blocks.push({ t: 'quote', blocks: parseBlocks(inner.join('\n'), depth + 1) });
      continue;
    }

    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = item[3] !== undefined;
      const marker = ordered ? item[4] : item[2];
      const start = ordered ? Number(item[3]) : 1;
      const items: Block[][] = [];
      let tight = true;
      while (i < lines.length) {
        const head = LIST_ITEM.exec(lines[i]);
        if (!head || (head[3] !== undefined) !== ordered || (ordered ? head[4] : head[2]) !== marker) break;
        const spaces = head[5].length - (head[6] ?? '').length;
        const text = head[6] ?? '';
        // Where the item's text starts; continuation lines are indented at least this much.
        const width = head[1].length + head[2].length + (spaces >= 1 && spaces <= 4 && text !== '' ? spaces : 1);
        const body = [text];
        i += 1;
        let sawBlank = false;
        while (i < lines.length) {
          const next = lines[i];
          if (BLANK.test(next)) {
            sawBlank = true;
            body.push('');
            i += 1;
            continue;
          }
          if (indentOf(next) >= width) {
            if (sawBlank) tight = false;
            sawBlank = false;
            body.push(unindent(next, width));
            i += 1;
            continue;
          }
          // Lazy continuation of the item's paragraph.
          if (!sawBlank && !startsBlock(next) && !LIST_ITEM.test(next)) {
            body.push(next);
            i += 1;
            continue;
          }
          break;
        }
        // A blank line between two items makes the list loose.
        if (sawBlank && i < lines.length && LIST_ITEM.test(lines[i])) tight = false;
        items.push(parseBlocks(body.join('\n'), depth + 1));
      }
      blocks.push({ t: 'list', ordered, start, tight, items });
      continue;
    }

    // A paragraph: up to a blank line or the start of another block.
    const para = [line];
    i += 1;
    while (i < lines.length && !BLANK.test(lines[i]) && !startsBlock(lines[i])) {
      const setext = SETEXT.exec(lines[i]);
      if (setext) {
        blocks.push({ t: 'h', level: setext[1][0] === '=' ? 1 : 2, text: para.join('\n') });
        para.length = 0;
        i += 1;
        break;
      }
      para.push(lines[i]);
      i += 1;
    }
    if (para.length > 0) blocks.push({ t: 'p', text: para.join('\n') });
  }
  return blocks;
}

// ---- Inline ----

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const BARE_URL = /^(?:https?:\/\/|mailto:)[^\s<>"]+/i;

/** Finds the `]` closing the `[` at `open`, or -1. */
function closingBracket(s: string, open: number): number {
  let depth = 0;
  const end = Math.min(s.length, open + 2000);
  for (let i = open; i < end; i++) {
    const ch = s[i];
    if (ch === '\\') i += 1;
    else if (ch === '[') depth += 1;
    else if (ch === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Reads `(destination "title")` at `at`; the destination and where it ends, or null. */
function linkTarget(s: string, at: number): { dest: string; end: number } | null {
  if (s[at] !== '(') return null;
  let i = at + 1;
  while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n') i += 1;
  let dest = '';
  if (s[i] === '<') {
    const close = s.indexOf('>', i);
    if (close === -1 || s.slice(i + 1, close).includes('\n')) return null;
    dest = s.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    while (i < s.length) {
      const ch = s[i];
      if (ch === '\\' && i + 1 < s.length && PUNCTUATION.test(s[i + 1])) {
        dest += s[i + 1];
        i += 2;
        continue;
      }
      if (/\s/.test(ch)) break;
      if (ch === '(') depth += 1;
      if (ch === ')') {
        if (depth === 0) break;
        depth -= 1;
      }
      dest += ch;
      i += 1;
    }
  }
  while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n') i += 1;
  // An optional title, which is not shown.
  const quote = s[i];
  if (quote === '"' || quote === "'") {
    const close = s.indexOf(quote, i + 1);
    if (close === -1) return null;
    i = close + 1;
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n') i += 1;
  }
  if (s[i] !== ')') return null;
  return { dest, end: i + 1 };
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Where the run of `delim` closing one opened at `from` starts, or -1. */
function closingDelimiter(s: string, from: number, delim: string): number {
  let at = s.indexOf(delim, from);
  while (at !== -1) {
    const before = s[at - 1];
    const after = s[at + delim.length];
    const rightFlanking = !isSpace(before);
    // "_" does not close inside a word; "*" does not close on the first of a longer run.
    const ok =
      rightFlanking && at > from && (delim[0] !== '_' || !isWordChar(after)) && after !== delim[0];
    if (ok) return at;
    at = s.indexOf(delim, at + 1);
  }
  return -1;
}

/** Plain text of inline nodes, for an image's description. */
function plain(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.t === 'text' || n.t === 'code' ? n.text : n.t === 'br' ? ' ' : 'children' in n ? plain(n.children) : ''))
    .join('');
}

export function parseInline(s: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf !== '') out.push({ t: 'text', text: buf });
    buf = '';
  };
  if (depth >= MAX_DEPTH) return [{ t: 'text', text: s }];

  let i = 0;
  while (i < s.length) {
    const ch = s[i];

    if (ch === '\\' && i + 1 < s.length) {
      if (s[i + 1] === '\n') {
        flush();
        out.push({ t: 'br' });
        i += 2;
        continue;
      }
      if (PUNCTUATION.test(s[i + 1])) {
        buf += s[i + 1];
        i += 2;
        continue;
      }
    }

    if (ch === '\n') {
      flush();
      out.push({ t: 'br' });
      i += 1;
      continue;
    }

    if (ch === '`') {
      let n = 1;
      while (s[i + n] === '`') n += 1;
      const fence = '`'.repeat(n);
      let close = s.indexOf(fence, i + n);
      while (close !== -1 && s[close + n] === '`') {
        let m = close;
        while (s[m] === '`') m += 1;
        close = s.indexOf(fence, m);
      }
      if (close === -1) {
        buf += fence;
        i += n;
        continue;
      }
      let code = s.slice(i + n, close).replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') {
        code = code.slice(1, -1);
      }
      flush();
      out.push({ t: 'code', text: code });
      i = close + n;
      continue;
    }

    if ((ch === '[' || (ch === '!' && s[i + 1] === '[')) && !inLink) {
      const image = ch === '!';
      const open = image ? i + 1 : i;
      const close = closingBracket(s, open);
      const target = close === -1 ? null : linkTarget(s, close + 1);
      if (target) {
        const label = parseInline(s.slice(open + 1, close), depth + 1, true);
        flush();
        if (image) {
          // No images: their description stands in for them.
          const alt = plain(label);
          if (alt !== '') out.push({ t: 'text', text: alt });
        } else {
          const href = safeHref(target.dest);
          if (href === null) out.push(...label);
          else out.push({ t: 'link', href, children: label });
        }
        i = target.end;
        continue;
      }
    }

    if (ch === '<' && !inLink) {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]*)>/i.exec(s.slice(i, i + 2050));
      const href = auto ? safeHref(auto[1]) : null;
      if (auto && href) {
        flush();
        out.push({ t: 'link', href, children: [{ t: 'text', text: auto[1] }] });
        i += auto[0].length;
        continue;
      }
    }

    if (!inLink && (ch === 'h' || ch === 'H' || ch === 'm' || ch === 'M') && !isWordChar(s[i - 1])) {
      const bare = BARE_URL.exec(s.slice(i, i + 2048));
      if (bare) {
        // Trailing punctuation belongs to the sentence, not the address.
        let url = bare[0].replace(/[.,:;!?'*_~]+$/, '');
        if (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
          url = url.slice(0, -1);
        }
        const href = safeHref(url);
        if (href && /^(?:https?:\/\/[^/?#]+|mailto:[^@\s]+@[^@\s]+)/i.test(url)) {
          flush();
          out.push({ t: 'link', href, children: [{ t: 'text', text: url }] });
          i += url.length;
          continue;
        }
      }
    }

    if (ch === '*' || ch === '_') {
      let n = 1;
      while (s[i + n] === ch) n += 1;
      const opensAfter = s[i + n];
      const canOpen = !isSpace(opensAfter) && (ch === '*' || !isWordChar(s[i - 1]));
      if (canOpen && n <= 3) {
        const delim = ch.repeat(n);
        const close = closingDelimiter(s, i + n, delim);
        if (close !== -1) {
          const inner = parseInline(s.slice(i + n, close), depth + 1, inLink);
          flush();
          if (n === 1) out.push({ t: 'em', children: inner });
          else if (n === 2) out.push({ t: 'strong', children: inner });
          else out.push({ t: 'strong', children: [{ t: 'em', children: inner }] });
          i = close + n;
          continue;
        }
      }
      buf += ch.repeat(n);
      i += n;
      continue;
    }

    buf += ch;
    i += 1;
  }
  flush();
  return out;
}

// ---- HTML ----

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function inlineHtml(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
          return escapeHtml(n.text);
        case 'code':
          return `<code>${escapeHtml(n.text)}</code>`;
        case 'em':
          return `<em>${inlineHtml(n.children)}</em>`;
        case 'strong':
          return `<strong>${inlineHtml(n.children)}</strong>`;
        case 'br':
          return '<br>';
        case 'link':
          return `<a href="${escapeHtml(n.href)}" target="_blank" rel="noopener noreferrer nofollow">${inlineHtml(n.children)}</a>`;
      }
    })
    .join('');
}

function blocksHtml(blocks: Block[], tight = false): string {
  return blocks
    .map((b) => {
      switch (b.t) {
        case 'p':
          return tight ? inlineHtml(parseInline(b.text)) : `<p>${inlineHtml(parseInline(b.text))}</p>`;
        case 'h': {
          // The card's own title is the dialog's heading: the description's start below it.
          const level = Math.min(6, b.level + 2);
          return `<h${level}>${inlineHtml(parseInline(b.text))}</h${level}>`;
        }
        case 'code':
          return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
        case 'hr':
          return '<hr>';
        case 'quote':
          return `<blockquote>${blocksHtml(b.blocks)}</blockquote>`;
        case 'list': {
          const items = b.items.map((item) => `<li>${blocksHtml(item, b.tight)}</li>`).join('');
          if (!b.ordered) return `<ul>${items}</ul>`;
          return b.start === 1 ? `<ol>${items}</ol>` : `<ol start="${b.start}">${items}</ol>`;
        }
      }
    })
    .join('');
}

/** The HTML for a card description: escaped text in a fixed set of elements, never raw HTML. */
export function renderMarkdown(source: string): string {
  return blocksHtml(parseBlocks(source));
}
