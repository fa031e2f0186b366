/** The elements that custom-elements.json lists (served at /custom-elements.json by the test server). */
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

/** Each custom element of the manifest: its tag, class name and module path (from the root). */
export async function manifestElements(): Promise<{ tag: string; className: string; path: string }[]> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
  return manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ tag: d.tagName!, className: d.name, path: `/${m.path}` })),
  );
}
