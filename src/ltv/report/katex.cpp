#include "ltv/report/katex.hpp"

#include "ltv/io/files.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <stdexcept>

namespace ltv {
namespace katex_impl {

std::string read_asset(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path))
    throw std::runtime_error(path.string() + " not found (apt-get install libjs-katex)");
  return read_file(path);
}

/// KaTeX's style sheet names each font three times (woff2, woff, ttf); every browser that runs
/// KaTeX reads woff2, so each `src:` becomes that one file as a data: URI.
std::string inline_fonts(const std::string& css, const std::filesystem::path& dir) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t src; (src = css.find("src:", at)) != std::string::npos;) {
    const std::size_t end = css.find_first_of(";}", src);
    if (end == std::string::npos) throw std::runtime_error("katex.min.css: a src: without an end");
    const std::string sources = css.substr(src, end - src);
    const std::size_t url = sources.find("url(");
    const std::size_t woff2 = sources.find(".woff2)");
    if (url == std::string::npos || woff2 == std::string::npos || woff2 < url)
      throw std::runtime_error("katex.min.css: a font without a woff2 file: " + sources);
    const std::string file = sources.substr(url + 4, woff2 + 6 - url - 4);  // "fonts/KaTeX_….woff2"
    out += css.substr(at, src - at) + "src:url(data:font/woff2;base64," + base64(read_asset(dir / file)) +
           ") format('woff2')";
    at = end;
  }
  return out + css.substr(at);
}

}  // namespace katex_impl

std::string base64(const std::string& bytes) {
  // OpenSSL's encoder: 4 characters per 3 bytes, '='-padded, no line breaks, NUL-terminated.
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string sha256_base64(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return base64(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string katex_render_call() {
  return R"(
(function () {
  "use strict";
  // ltv: typeset every formula of the report; an invalid one stays as its source, in red.
  for (const span of document.querySelectorAll("span.math")) {
    try {
      katex.render(span.textContent, span, {throwOnError: false, strict: "ignore", errorColor: "#cc0000"});
    } catch (e) {
      span.style.color = "#cc0000";
      console.error("ltv: formula not typeset: " + span.textContent + ": " + e);
    }
  }
})();
)";
}

Katex load_katex(const std::filesystem::path& dir) {
  std::string js = katex_impl::read_asset(dir / "katex.min.js");
  // The script is inlined between <script> and </script>: no "</script" (any case) may occur in it, nor
  // "<!--" (which changes how the HTML parser finds the end of a script).
  std::string lower = js;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* forbidden : {"</script", "<!--"})
    if (lower.find(forbidden) != std::string::npos)
      throw std::runtime_error((dir / "katex.min.js").string() + " contains " + forbidden +
                               ": cannot be inlined");
  return {js + "\n" + katex_render_call(),
          katex_impl::inline_fonts(katex_impl::read_asset(dir / "katex.min.css"), dir)};
}

}  // namespace ltv
