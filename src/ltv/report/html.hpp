#pragma once
// The self-contained HTML report: the Markdown report converted by cmark-gfm (Debian's GitHub
// Flavored Markdown library, for the tables), with every figure's SVG inline and a Content
// Security Policy that forbids every network request — the page loads nothing.
#include <map>
#include <string>

namespace ltv {

/// `markdown` rendered with FigureLinks::Placeholders; `svgs` maps figure IDs to their SVG. A
/// placeholder without an SVG becomes a note that the figure could not be drawn.
std::string render_html(const std::string& markdown, const std::map<std::string, std::string>& svgs,
                        const std::string& title);

}  // namespace ltv
