import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Handlebars from 'handlebars';
import { RoutingGitopsError } from '../errors.js';
import { codeSpan, escapeMarkdown, mermaidLabel } from './markdown.js';
import { unwrapText } from './org-text.js';

/** `templates/` at the package root (from src/github/ and from dist/github/ alike) */
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface TemplateSet {
  render(name: string, context: object): string;
}

/**
 * Handlebars templates from `dir`, compiled on first use and cached. Files named `_x.hbs` are partials
 * (`{{> x}}`); every other `name.hbs` is a template. Org text is printed only through the helpers below.
 */
export function createTemplateSet(dir: string = DEFAULT_TEMPLATE_DIR): TemplateSet {
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  let hb: typeof Handlebars | undefined;

  function environment(): typeof Handlebars {
    if (hb) return hb;
    const env = Handlebars.create();
    registerHelpers(env);
    for (const file of readdirSync(dir)) {
      if (file.startsWith('_') && file.endsWith('.hbs')) {
        env.registerPartial(file.slice(1, -'.hbs'.length), readTemplate(dir, file));
      }
    }
    hb = env;
    return env;
  }

  return {
    render(name, context) {
      let template = cache.get(name);
      if (!template) {
        template = environment().compile(readTemplate(dir, `${name}.hbs`), {
          strict: true,
          preventIndent: true,
        });
        cache.set(name, template);
      }
      return template(context);
    },
  };
}

function readTemplate(dir: string, file: string): string {
  try {
    return readFileSync(path.join(dir, file), 'utf8');
  } catch (error) {
    throw new RoutingGitopsError('TEMPLATE', `cannot read template ${path.join(dir, file)}`, {
      cause: error,
    });
  }
}

/** the last argument of a helper is Handlebars' options object; a number before it is a length cap */
function capFrom(args: unknown[]): number | undefined {
  const cap = args.length > 1 ? args[0] : undefined;
  return typeof cap === 'number' ? cap : undefined;
}

function registerHelpers(env: typeof Handlebars): void {
  const safe = (text: string) => new env.SafeString(text);
  env.registerHelper('md', (value: unknown, ...rest: unknown[]) =>
    safe(escapeMarkdown(unwrapText(value), capFrom(rest))),
  );
  env.registerHelper('mermaid', (value: unknown) => safe(mermaidLabel(unwrapText(value))));
  env.registerHelper('code', (value: unknown) => safe(codeSpan(unwrapText(value))));
  /** a mermaid list: `"a", "b"` for labels, `1, 2` for numbers */
  env.registerHelper('mermaidList', (values: unknown) => {
    if (!Array.isArray(values)) throw new TypeError('mermaidList expects an array');
    const items = values.map((v) => (typeof v === 'number' ? String(v) : `"${mermaidLabel(unwrapText(v))}"`));
    return safe(items.join(', '));
  });
}
