// MDX modules (the docs template of .storybook/preview.ts): a React component.
declare module '*.mdx' {
  const MDXContent: (props: Record<string, unknown>) => unknown;
  export default MDXContent;
}
