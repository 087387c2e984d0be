/** The dashboard's stylesheet, served from memory (no build step). */
export const siteCss = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; justify-content: space-between; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); }
header.top a { color: var(--accent); margin-left: 1rem; }
.brand { font-weight: 700; margin-left: 0 !important; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
.asof { color: var(--muted); font-size: .875rem; }
`;
