/**
 * Reading a site file with positions: YAML (JSON is YAML too) parsed by `yaml`, every issue located at the
 * node its path names, as `file:line:col property.path: message`.
 */
import * as fs from "node:fs";
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import { checkSite, type Path, pathOf, type Site, type SiteIssue } from "./format";

export interface Located {
  file: string;
  line: number;
  col: number;
  /** The property path in the file (`kentix.AlarmGroup.building.armDelay`); empty for the whole file. */
  property: string;
  message: string;
}

export const locatedText = (l: Located) =>
  `${l.file}:${l.line}:${l.col}${l.property ? ` ${l.property}` : ""}: ${l.message}`;

/** The node at a path, else the nearest one above it that exists (a missing property is reported on its object). */
function nodeAt(doc: Document, path: Path, atKey: boolean): Node | undefined {
  let node = doc.contents as Node | null;
  for (const [i, seg] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg)) as Pair | undefined;
      if (!pair) return node;
      if (atKey && i === path.length - 1) return pair.key as Node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (node && "items" in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: Node[] }).items[Number(seg)];
      if (!item) return node;
      node = item;
    } else return node ?? undefined;
  }
  return node ?? undefined;
}

/** Reads, parses and checks one site file. `issues` are located; `site` is usable only when there are none. */
export async function loadSite(file: string): Promise<{ site: Site; issues: Located[] }> {
  const text = fs.readFileSync(file, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => lines.linePos(offset);
  if (doc.errors.length) {
    return {
      site: { vendors: [], objects: [] },
      issues: doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, col, property: "", message: e.message.split("\n")[0]! };
      }),
    };
  }
  const { site, issues } = await checkSite(doc.toJS());
  return {
    site,
    issues: issues
      .map((i: SiteIssue) => {
        const node = nodeAt(doc, i.path, !!i.atKey);
        const { line, col } = at(node?.range?.[0] ?? 0);
        return { file, line, col, property: pathOf(i.path), message: i.message };
      })
      .sort((a, b) => a.line - b.line || a.col - b.col),
  };
}
