/**
 * Shows figures in a tslab notebook. Kept apart from `./plot` because it imports `tslab`, which only
 * works inside the kernel; the site imports `./plot` alone.
 *
 * Inside tslab, `require("tslab")` is intercepted by the kernel and returns its live display channel.
 * Outside a kernel, tslab's `display` throws "Not ready", so tests pass their own sink.
 */
import { display } from "tslab";
import { renderPlot } from "./plot";
import type { FigureOptions } from "./plot";

/** Where a figure goes: tslab's `display` by default, or a fake in tests. */
export interface DisplaySink {
  svg(svg: string): void;
  html(html: string): void;
}

/** Options of {@link show}. */
export interface ShowOptions {
  /**
   * Send the SVG as `text/html` instead of `image/svg+xml`. JupyterLab draws `image/svg+xml` inside an
   * `<img>`, where `currentColor` is always black (unreadable on a dark theme); inlined HTML inherits
   * the theme's text colour. Default false: the site's exporter expects `image/svg+xml`.
   */
  inline?: boolean;
  sink?: DisplaySink;
}

/**
 * Displays an SVG string as an output of the current cell. Returns nothing, so tslab does not also
 * print the markup as the cell's value.
 */
export function show(svg: string, options: ShowOptions = {}): void {
  if (typeof svg !== "string" || !/^<svg[\s>]/.test(svg)) {
    throw new Error("show: expected an SVG string starting with <svg (use renderPlot to make one)");
  }
  const sink = options.sink ?? display;
  if (options.inline === true) sink.html(svg);
  else sink.svg(svg);
}

/** Renders with {@link renderPlot} and displays the result: one call per figure in a notebook. */
export function displayPlot(figure: FigureOptions, options: ShowOptions = {}): void {
  show(renderPlot(figure), options);
}
