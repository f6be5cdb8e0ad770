/**
 * CSS inlining: {@link org.smtpeter.inlining.control.CssInliner} copies {@code <style>} rules into
 * {@code style} attributes, because many mail clients ignore head CSS.
 *
 * <p>Decisions:
 * <ul>
 *   <li>jsoup parses the HTML and evaluates selectors; ph-css parses the CSS in browser-compliant
 *       mode (broken rules and declarations are skipped as browsers skip them) and gives the
 *       selector structure specificity is computed from.</li>
 *   <li>Cascade: style sheet rules by specificity then source order (across all style blocks),
 *       below the element's own inline declarations, below style sheet {@code !important}, below
 *       inline {@code !important}, so {@code @media} overrides keep working.</li>
 *   <li>Inlined: type, class, id, attribute and universal selectors, combinators, {@code :not()}
 *       of those and the structural pseudo-classes ({@code :first-child}, {@code :nth-child()},
 *       ...), whose matches cannot change after delivery. Kept in {@code <style>}: at-rules
 *       ({@code @media}, {@code @font-face}, {@code @import}, {@code @keyframes}, ...), state
 *       pseudo-classes such as {@code :hover}, pseudo-elements, and whatever jsoup cannot evaluate.
 *       Inlined rules are cut out of the original CSS text (ph-css source locations), so what stays
 *       is exactly as written, including CSS ph-css cannot read; an emptied {@code <style>} is
 *       removed; a {@code <style>} left in the body moves to the head, where Gmail looks for it.</li>
 *   <li>Inlined values are the author's text; style sheet {@code !important} is dropped from the
 *       attribute, an existing inline {@code !important} is kept.</li>
 *   <li>Hostile input is bounded: selectors with more than 16 combinators are not inlined (jsoup's
 *       descendant matching is superlinear) and a document gets 5 seconds before the input is
 *       returned unchanged.</li>
 *   <li>Style elements with a {@code media} other than all/screen or a non-CSS {@code type} are
 *       left alone. Nothing is written into the head, scripts or styles.</li>
 *   <li>Never throws; the input is returned unchanged when there is nothing to inline or anything
 *       fails. Output is jsoup's without pretty printing.</li>
 * </ul>
 */
package org.smtpeter.inlining.control;
