import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by pdfkit (embedded Type0 fonts with ToUnicode maps): every text-show
 * operation decoded through its font's map, one line per operation; a wide gap inside a TJ array
 * (word spacing of justified text) becomes a space. Enough for asserting what a document says.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of src.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(Number(m[1]), streamText(m[2]));
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (fontObj: number): Map<number, string> => {
    const hit = cmaps.get(fontObj);
    if (hit) return hit;
    const map = new Map<number, string>();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj) ?? '');
    const cmap = ref ? objects.get(Number(ref[1])) ?? '' : '';
    const u = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const r of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(?:\[([^\]]*)\]|<([0-9a-f]+)>)/gi)) {
        const start = parseInt(r[1], 16);
        if (r[3] !== undefined) [...r[3].matchAll(/<([0-9a-f]+)>/gi)].forEach((x, i) => map.set(start + i, u(x[1])));
        else for (let k = start; k <= parseInt(r[2], 16); k++) map.set(k, String.fromCharCode(parseInt(r[4], 16) + k - start));
      }
    }
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const r of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(r[1], 16), u(r[2]));
    }
    cmaps.set(fontObj, map);
    return map;
  };
  const fontRefs = new Map<string, number>();
  for (const m of src.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontRefs.set(m[1], Number(m[2]));
  const lines: string[] = [];
  for (const body of objects.values()) {
    if (!/ T[fJj]\b/.test(body)) continue;
    let map = new Map<number, string>();
    for (const op of body.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:[^\]])*)\] TJ|<([0-9a-f]+)> Tj/gi)) {
      if (op[1]) map = cmapOf(fontRefs.get(op[1]) ?? -1);
      else {
        const parts = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/gi)] : [[op[0], op[3]] as unknown as RegExpMatchArray];
        let line = '';
        for (const p of parts) {
          if (p[1] !== undefined) line += (p[1].match(/.{4}/g) ?? []).map((h) => map.get(parseInt(h, 16)) ?? '').join('');
          else if (Number(p[2]) < -200) line += ' ';
        }
        lines.push(line);
      }
    }
  }
  return lines.join('\n').normalize('NFC');
}

function streamText(obj: string): string {
  const s = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(obj);
  if (!s) return obj;
  if (!/\/FlateDecode/.test(obj)) return `${obj.slice(0, s.index)}\n${s[1]}`;
  try {
    return `${obj.slice(0, s.index)}\n${inflateSync(Buffer.from(s[1], 'latin1')).toString('latin1')}`;
  } catch {
    return obj;
  }
}
