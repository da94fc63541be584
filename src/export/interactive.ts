/**
 * Interactive figures: a cell tagged `interactive:NAME` is followed on the page
 * by the figure NAME (a component with its own script, loaded only there).
 * The names are fixed here so a typo fails the export with its location.
 */
import { ExportError, type Place } from "./errors";

/** Figures the site can render (src/components/interactive/NAME.astro). */
export const INTERACTIVE_NAMES = ["gradient-descent"] as const;

export type InteractiveName = (typeof INTERACTIVE_NAMES)[number];

/** The interactive figure a cell asks for, if any. */
export function interactiveTag(tags: readonly string[], place: Place): InteractiveName | undefined {
  const tag = tags.find((t) => t.startsWith("interactive:"));
  if (!tag) return undefined;
  const name = tag.slice("interactive:".length);
  if (!(INTERACTIVE_NAMES as readonly string[]).includes(name)) {
    throw new ExportError(
      place,
      `unknown interactive figure ${JSON.stringify(name)} in tag '${tag}' (known: ${INTERACTIVE_NAMES.join(", ")})`,
    );
  }
  return name as InteractiveName;
}
