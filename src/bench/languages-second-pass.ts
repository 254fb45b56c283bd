import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';

/**
 * A routing-profiles file with users' languages set (email → language → proficiency, the user's whole language
 * map as git should hold it). Only the named users' `languages` change; a user without `languages` gains the
 * key (from then on apply manages their languages, so the map holds every language they keep). Users the file
 * does not list are left alone. Comments and the other entries are kept (the YAML document is edited, not
 * re-rendered).
 *
 * The planner used this second pass (a parse and a whole re-serialisation) until `updateProfilesFile(text, skills,
 * languages)` (state/update.ts) wrote the languages from the same parse as the skills, in minimal edits. Nothing
 * in the product calls it now: it is the reference the state bench and test/state/update-languages.test.ts compare
 * the one-pass writer with.
 */
export function setProfileLanguages(
  text: string,
  languages: Readonly<Record<string, Readonly<Record<string, number>>>>,
): string {
  // duplicate keys were refused when desired state was loaded; yaml's own check is quadratic (10,000 users)
  const doc = parseDocument(text, { uniqueKeys: false });
  const profiles = doc.get('profiles', true);
  if (!isMap(profiles)) return text;
  let changed = false;
  for (const pair of profiles.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const want = languages[key.toLowerCase()];
    if (!want || !isMap(pair.value)) continue;
    const entry = pair.value;
    const node = entry.get('languages', true);
    if (isMap(node)) {
      const map = node as YAMLMap<unknown, unknown>;
      for (const item of [...map.items]) {
        const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
        if (!Object.hasOwn(want, name)) map.delete(item.key);
      }
      for (const [name, value] of Object.entries(want)) map.set(name, value);
    } else {
      const created = doc.createNode({ ...want }, { flow: true });
      entry.set('languages', created);
    }
    changed = true;
  }
  return changed ? doc.toString({ lineWidth: 0 }) : text;
}
