#include "ltv/report/html.hpp"

#include "ltv/report/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace ltv {
namespace {

constexpr const char* kStyle = R"(body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
line-height:1.45;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
th,td{border:1px solid #ccc;padding:0.25em 0.5em;text-align:left;vertical-align:top}
th{background:#f0f0f0}code,pre{background:#f6f6f6;font-size:0.9em}pre{padding:0.6em;overflow-x:auto}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}h2{border-bottom:1px solid #ddd;padding-bottom:0.2em})";

std::string escape(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

/// GitHub Flavored Markdown to HTML (tables; raw HTML kept, for the figure placeholders).
std::string markdown_to_html(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  const std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_UNSAFE),
                                                                           cmark_parser_free);
  cmark_syntax_extension* table = cmark_find_syntax_extension("table");
  if (table == nullptr) throw std::runtime_error("cmark-gfm has no table extension");
  cmark_parser_attach_syntax_extension(parser.get(), table);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  const std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()),
                                                                    cmark_node_free);
  char* html = cmark_render_html(doc.get(), CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  std::free(html);
  return out;
}

/// The <svg> element of a gnuplot SVG file (without its XML declaration and DOCTYPE).
std::string svg_element(const std::string& svg) {
  const auto start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

/// The TeX of a math placeholder's hex digits.
std::string unhex(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
  return out;
}

/// Replaces each math placeholder by the element the page's script typesets; returns how many.
int restore_formulas(std::string& body) {
  int formulas = 0;
  const std::string open = kMathPlaceholder;
  for (std::size_t at = 0; (at = body.find(open, at)) != std::string::npos; ++formulas) {
    const std::size_t end = body.find("-->", at);
    const std::string span = "<span class=\"math\">" +
                             escape(unhex(body.substr(at + open.size(), end - at - open.size()))) + "</span>";
    body.replace(at, end + 3 - at, span);
    at += span.size();
  }
  return formulas;
}

}  // namespace

int count_formulas(const std::string& markdown) {
  int n = 0;
  for (std::size_t at = 0; (at = markdown.find(kMathPlaceholder, at)) != std::string::npos; ++at) ++n;
  return n;
}

std::string render_html(const std::string& markdown, const std::map<std::string, std::string>& svgs,
                        const std::string& title, const Katex* katex) {
  std::string body = markdown_to_html(markdown);
  const std::string marker = figure_placeholder("");
  const std::string open = marker.substr(0, marker.size() - 3);  // "<!--ltv-figure:"
  for (std::size_t at; (at = body.find(open)) != std::string::npos;) {
    const std::size_t end = body.find("-->", at);
    const std::string id = body.substr(at + open.size(), end - at - open.size());
    const auto svg = svgs.find(id);
    const std::string figure =
        svg == svgs.end() ? "<p><em>Figure " + escape(id) + " could not be drawn.</em></p>"
                          : "<figure id=\"figure-" + escape(id) + "\">" + svg_element(svg->second) + "</figure>";
    body.replace(at, end + 3 - at, figure);
  }
  const bool typeset = restore_formulas(body) > 0 && katex != nullptr;
  // Nothing may be fetched: only inline styles, and with formulas KaTeX's fonts (data: URIs) and the
  // one inline script whose hash is named here.
  const std::string policy =
      typeset ? "default-src 'none'; style-src 'unsafe-inline'; font-src data:; script-src 'sha256-" +
                    sha256_base64(katex->script) + "'"
              : "default-src 'none'; style-src 'unsafe-inline'";
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         policy +
         "\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape(title) + "</title>\n<style>" + kStyle + "</style>\n" +
         (typeset ? "<style>" + katex->css + "</style>\n" : "") + "</head>\n<body>\n" + body +
         (typeset ? "<script>" + katex->script + "</script>\n" : "") + "</body>\n</html>\n";
}

}  // namespace ltv
