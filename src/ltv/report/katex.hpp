#pragma once
// The formulas of the HTML report are typeset in the reader's browser by KaTeX, taken from Debian's
// libjs-katex and inlined into the page: its script, its style sheet, and every font as a data: URI.
// The page stays self-contained (no request leaves it), and its Content Security Policy lets exactly
// this one script run: it names the script's SHA-256 (sha256_base64 below), so a script injected
// through a results file (cmark passes raw HTML) does not run.
#include <filesystem>
#include <string>

namespace ltv {

/// Where Debian's libjs-katex installs KaTeX.
inline constexpr const char* kKatexDir = "/usr/share/javascript/katex";

/// What the page inlines to typeset its formulas.
struct Katex {
  /// The text of the one inline <script>: KaTeX, then the call that typesets every formula.
  std::string script;
  /// KaTeX's style sheet, each @font-face's source replaced by its woff2 file as a data: URI.
  std::string css;
};

/// Reads katex.min.js, katex.min.css and the woff2 fonts it names from `dir`; throws
/// std::runtime_error naming what is missing or unusable.
Katex load_katex(const std::filesystem::path& dir = kKatexDir);

/// The script that typesets every `<span class="math">` of the page with the global `katex`, with
/// throwOnError false (an invalid formula stays as its source, in red) and strict "ignore" (Unicode
/// letters such as θ, Σ, ≤ in math mode are accepted without a warning).
std::string katex_render_call();

/// RFC 4648 base64 of a byte string (OpenSSL's encoder).
std::string base64(const std::string& bytes);

/// The SHA-256 digest of `bytes` (OpenSSL) in base64, as a CSP source names a script:
/// 'sha256-<this>'.
std::string sha256_base64(const std::string& bytes);

}  // namespace ltv
