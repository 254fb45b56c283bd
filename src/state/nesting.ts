/**
 * Nesting depth from the YAML lexer alone, before anything is parsed: a 10 MB file of `[[[[…` (or of `- - - …`)
 * would otherwise be built into millions of nested nodes first. The scan stops at the first collection past the
 * limit, so it reads only as much of the text as the limit needs.
 *
 * Block collections are tracked by the column they start at (an indentation stack, as a YAML parser keeps one);
 * flow collections by their brackets. The count never exceeds the real depth of a well-formed document, so a
 * document the tree walk in ./parse-yaml.ts accepts is never refused here.
 */
import { CST, Lexer } from 'yaml';

export interface DepthProblem {
  /** 1-based line and column of the collection that goes too deep */
  line: number;
  col: number;
}

const MARKERS = new Set(['\u0002', '\u0018', '\u001f']); // document, flow-error-end, scalar: not in the source

/** The first collection nested deeper than `maxDepth`, or undefined when the text stays within it. */
export function findDeepNesting(text: string, maxDepth: number): DepthProblem | undefined {
  const blocks: number[] = []; // columns of the open block collections, innermost last
  let flow = 0;
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  let nodeStart: number | undefined; // column where the current block node began on this line
  let scalarNext = false;
  const col = () => offset - lineStart;
  const tooDeep = (): DepthProblem | undefined =>
    blocks.length + flow > maxDepth ? { line, col: col() + 1 } : undefined;
  /** A block collection starts (or continues) at column `c`. */
  const open = (c: number): DepthProblem | undefined => {
    while (blocks.length > 0 && (blocks.at(-1) ?? 0) > c) blocks.pop();
    if (blocks.at(-1) !== c) blocks.push(c);
    return tooDeep();
  };
  for (const token of new Lexer().lex(text)) {
    if (MARKERS.has(token)) {
      if (token === '\u001f') scalarNext = true;
      continue;
    }
    const type = scalarNext ? 'scalar' : CST.tokenType(token);
    scalarNext = false;
    let problem: DepthProblem | undefined;
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (flow === 0) nodeStart ??= col();
      flow++;
      problem = tooDeep();
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind')) {
      problem = open(col());
      nodeStart = undefined;
    } else if (flow === 0 && type === 'map-value-ind') {
      problem = open(nodeStart ?? col());
      nodeStart = undefined;
    } else if (flow === 0 && type !== 'space' && type !== 'newline' && type !== 'comment') {
      nodeStart ??= col();
    }
    if (problem) return problem;
    // advance past the token, counting the line breaks inside it (multi-line scalars, newline tokens)
    let newline = token.indexOf('\n');
    while (newline >= 0) {
      line++;
      lineStart = offset + newline + 1;
      nodeStart = undefined;
      newline = token.indexOf('\n', newline + 1);
    }
    offset += token.length;
  }
  return undefined;
}
