#include "ltv/report/katex.hpp"

#include "ltv/io/files.hpp"

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

// SHA-256 (FIPS 180-4 §6.2), for the page's Content Security Policy.
constexpr std::array<std::uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress(std::array<std::uint32_t, 8>& h, const unsigned char* block) {
  std::array<std::uint32_t, 64> w{};
  for (int t = 0; t < 16; ++t)
    w[t] = std::uint32_t{block[4 * t]} << 24 | std::uint32_t{block[4 * t + 1]} << 16 |
           std::uint32_t{block[4 * t + 2]} << 8 | std::uint32_t{block[4 * t + 3]};
  for (int t = 16; t < 64; ++t) {
    const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  std::array<std::uint32_t, 8> v = h;
  for (int t = 0; t < 64; ++t) {
    const std::uint32_t e = v[4], a = v[0];
    const std::uint32_t t1 = v[7] + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & v[5]) ^ (~e & v[6])) +
                             kRoundConstants[t] + w[t];
    const std::uint32_t t2 =
        (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
    v = {t1 + t2, a, v[1], v[2], v[3] + t1, e, v[5], v[6]};
  }
  for (int i = 0; i < 8; ++i) h[i] += v[i];
}

std::string sha256(const std::string& bytes) {
  std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  // The message, a 1 bit, zeros up to 56 mod 64 bytes, and the length in bits as 64-bit big-endian.
  std::string padded = bytes + '\x80';
  padded.append((120 - padded.size() % 64) % 64, '\0');
  const std::uint64_t bits = std::uint64_t{bytes.size()} * 8;
  for (int i = 7; i >= 0; --i) padded += static_cast<char>((bits >> (8 * i)) & 0xff);
  for (std::size_t at = 0; at < padded.size(); at += 64)
    compress(h, reinterpret_cast<const unsigned char*>(padded.data() + at));
  std::string digest;
  for (const std::uint32_t word : h)
    for (int i = 3; i >= 0; --i) digest += static_cast<char>((word >> (8 * i)) & 0xff);
  return digest;
}

}  // namespace katex_impl

std::string base64(const std::string& bytes) {
  static constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k)
      group = group << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kAlphabet[(group >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

std::string sha256_base64(const std::string& bytes) { return base64(katex_impl::sha256(bytes)); }

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
