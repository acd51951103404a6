#pragma once
// The self-contained HTML report: the Markdown report converted by cmark-gfm (Debian's GitHub
// Flavored Markdown library, for the tables), with every figure's SVG inline, every formula
// typeset by KaTeX in the page (report/katex.hpp), and a Content Security Policy that forbids every
// network request — the page loads nothing.
#include "ltv/report/katex.hpp"

#include <map>
#include <string>

namespace ltv {

/// `markdown` rendered with MarkdownFor::Html; `svgs` maps figure IDs to their SVG. A placeholder
/// without an SVG becomes a note that the figure could not be drawn. Each formula becomes
/// `<span class="math">TeX</span>`; when the page has one, `katex` (if given) is inlined to typeset
/// them, and the policy then allows that one script (by its hash) and fonts from data: URIs. Without
/// `katex` the formulas stay as their TeX source.
std::string render_html(const std::string& markdown, const std::map<std::string, std::string>& svgs,
                        const std::string& title, const Katex* katex = nullptr);

/// How many formulas the Markdown (MarkdownFor::Html) holds.
int count_formulas(const std::string& markdown);

}  // namespace ltv
