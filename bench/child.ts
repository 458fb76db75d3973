// A figure's measurement in a process of its own: `node --import tsx bench/child.ts <figure>
// <workspace>` prints the figure's data as JSON (lib/child.ts starts it).
import { FIGURES, isFigure } from "./figures.js";

const [name, workspace] = process.argv.slice(2);
if (!name || !isFigure(name) || !workspace) {
  throw new Error(`usage: bench/child.ts <${Object.keys(FIGURES).join("|")}> <workspace directory>`);
}
process.stdout.write(JSON.stringify(await FIGURES[name].measure(workspace)));
