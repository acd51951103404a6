#include "ltv/interop/arrays.hpp"

#include "ltv/io/files.hpp"

#include <zip.h>
#include <nlohmann/json.hpp>

#include <bit>
#include <cctype>
#include <cstring>
#include <limits>
#include <memory>

namespace ltv {
namespace {

static_assert(std::endian::native == std::endian::little, "the weights' readers assume a little-endian host");

/// The largest .npy member of a .npz archive read (16 GiB).
constexpr std::uint64_t kMaxMemberBytes = std::uint64_t{1} << 34;

[[noreturn]] void bad(const std::string& what, const std::string& why) {
  throw ArrayFileError(what + ": " + why);
}

/// The element count of a shape, refusing overflow and absurd sizes (2^31 elements).
std::size_t checked_size(const std::vector<std::int64_t>& shape, const std::string& what) {
  std::size_t n = 1;
  for (const std::int64_t s : shape) {
    if (s < 0) bad(what, "negative dimension in the shape");
    if (s != 0 && n > (std::size_t{1} << 31) / static_cast<std::size_t>(s))
      bad(what, "the array is too large");
    n *= static_cast<std::size_t>(s);
  }
  return n;
}

/// Reads `count` little-endian float32 or float64 values.
std::vector<double> decode(std::string_view data, std::size_t count, bool is_float32) {
  std::vector<double> out(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (is_float32) {
      float f;
      std::memcpy(&f, data.data() + 4 * i, 4);
      out[i] = f;
    } else {
      std::memcpy(&out[i], data.data() + 8 * i, 8);
    }
  }
  return out;
}

/// The value of key `key` in the .npy header's dict literal, as raw text up to its end.
std::string header_value(const std::string& header, const std::string& key, const std::string& what) {
  for (const char quote : {'\'', '"'}) {
    const std::string k = std::string(1, quote) + key + quote;
    auto at = header.find(k);
    if (at == std::string::npos) continue;
    at = header.find(':', at + k.size());
    if (at == std::string::npos) break;
    ++at;
    while (at < header.size() && header[at] == ' ') ++at;
    if (at < header.size() && header[at] == '(') {
      const auto close = header.find(')', at);
      if (close == std::string::npos) break;
      return header.substr(at, close - at + 1);
    }
    if (at < header.size() && (header[at] == '\'' || header[at] == '"')) {
      const auto close = header.find(header[at], at + 1);
      if (close == std::string::npos) break;
      return header.substr(at + 1, close - at - 1);
    }
    auto end = header.find_first_of(",}", at);
    if (end == std::string::npos) break;
    std::string v = header.substr(at, end - at);
    while (!v.empty() && v.back() == ' ') v.pop_back();
    return v;
  }
  bad(what, "the .npy header has no valid '" + key + "' entry");
}

std::vector<std::int64_t> parse_shape_tuple(const std::string& tuple, const std::string& what) {
  if (tuple.size() < 2 || tuple.front() != '(' || tuple.back() != ')')
    bad(what, "the .npy shape is not a tuple");
  std::vector<std::int64_t> shape;
  std::size_t i = 1;
  while (i + 1 < tuple.size()) {
    while (i + 1 < tuple.size() && (tuple[i] == ' ' || tuple[i] == ',')) ++i;
    if (i + 1 >= tuple.size()) break;
    std::int64_t v = 0;
    bool any = false;
    while (i + 1 < tuple.size() && std::isdigit(static_cast<unsigned char>(tuple[i]))) {
      v = v * 10 + (tuple[i] - '0');
      if (v > (std::int64_t{1} << 40)) bad(what, "the .npy shape has an absurd dimension");
      any = true;
      ++i;
    }
    if (!any) bad(what, "the .npy shape " + tuple + " is not a tuple of integers");
    shape.push_back(v);
  }
  return shape;
}

/// C order from Fortran order (the shape stays).
std::vector<double> from_fortran_order(const std::vector<double>& f, const std::vector<std::int64_t>& shape) {
  std::vector<double> c(f.size());
  const std::size_t rank = shape.size();
  std::vector<std::int64_t> index(rank, 0);
  for (std::size_t k = 0; k < f.size(); ++k) {
    // k is the C-order position of `index`; its Fortran-order position:
    std::size_t fpos = 0, stride = 1;
    for (std::size_t a = 0; a < rank; ++a) {
      fpos += static_cast<std::size_t>(index[a]) * stride;
      stride *= static_cast<std::size_t>(shape[a]);
    }
    c[k] = f[fpos];
    for (std::size_t a = rank; a-- > 0;) {
      if (++index[a] < shape[a]) break;
      index[a] = 0;
    }
  }
  return c;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

std::size_t NamedArray::size() const {
  std::size_t n = 1;
  for (const auto s : shape) n *= static_cast<std::size_t>(s);
  return n;
}

std::string NamedArray::shape_text() const {
  std::string out = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
  return out + (shape.size() == 1 ? ",)" : ")");
}

NamedArray parse_npy(std::string_view bytes, const std::string& what) {
  static constexpr std::string_view kMagic = "\x93NUMPY";
  if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic) bad(what, "not a .npy file (no \\x93NUMPY magic)");
  const auto major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) bad(what, ".npy format version " + std::to_string(major) + " is not supported");
  std::size_t header_length = 0, offset = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(bytes[8]) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    offset = 10;
  } else {
    if (bytes.size() < 12) bad(what, "truncated .npy header");
    for (int i = 3; i >= 0; --i)
      header_length = (header_length << 8) | static_cast<unsigned char>(bytes[8 + i]);
    offset = 12;
  }
  if (bytes.size() < offset + header_length)
    bad(what, "truncated: the .npy header claims " + std::to_string(header_length) + " bytes, the file has " +
                  std::to_string(bytes.size() - offset));
  const std::string header(bytes.substr(offset, header_length));
  const std::string descr = header_value(header, "descr", what);
  const std::string fortran = header_value(header, "fortran_order", what);
  NamedArray a;
  a.shape = parse_shape_tuple(header_value(header, "shape", what), what);
  bool is_float32 = false;
  if (descr == "<f8" || descr == "f8" || descr == "<d") {
    a.dtype = "float64";
  } else if (descr == "<f4" || descr == "f4" || descr == "<f") {
    a.dtype = "float32";
    is_float32 = true;
  } else {
    bad(what, "dtype '" + descr + "' is not supported (float32 or float64, little-endian)");
  }
  if (fortran != "False" && fortran != "True") bad(what, "fortran_order is neither True nor False");
  const std::size_t count = checked_size(a.shape, what);
  const std::size_t need = count * (is_float32 ? 4 : 8);
  const std::string_view data = bytes.substr(offset + header_length);
  if (data.size() < need)
    bad(what, "truncated: shape " + a.shape_text() + " of " + a.dtype + " needs " + std::to_string(need) +
                  " bytes of data, the file has " + std::to_string(data.size()));
  if (data.size() > need)
    bad(what, std::to_string(data.size() - need) + " bytes after the data of shape " + a.shape_text());
  a.values = decode(data, count, is_float32);
  if (fortran == "True" && a.shape.size() > 1) a.values = from_fortran_order(a.values, a.shape);
  return a;
}

ArrayMap parse_safetensors(std::string_view bytes, const std::string& what) {
  if (bytes.size() < 8) bad(what, "truncated: shorter than a safetensors header length (8 bytes)");
  std::uint64_t n = 0;
  std::memcpy(&n, bytes.data(), 8);
  if (n > bytes.size() - 8)
    bad(what, "truncated: the safetensors header claims " + std::to_string(n) + " bytes, the file has " +
                  std::to_string(bytes.size() - 8) + " after the length");
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(bytes.substr(8, static_cast<std::size_t>(n)));
  } catch (const nlohmann::json::exception& e) {
    bad(what, std::string("the safetensors header is not JSON: ") + e.what());
  }
  if (!header.is_object()) bad(what, "the safetensors header is not a JSON object");
  const std::string_view data = bytes.substr(8 + static_cast<std::size_t>(n));
  ArrayMap out;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") continue;
    const std::string w = what + ": tensor '" + name + "'";
    if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") ||
        !entry.contains("data_offsets"))
      bad(w, "needs dtype, shape and data_offsets");
    const auto& dtype = entry["dtype"];
    const auto& shape = entry["shape"];
    const auto& offsets = entry["data_offsets"];
    if (!dtype.is_string()) bad(w, "dtype is not a string");
    NamedArray a;
    bool is_float32 = false;
    if (dtype == "F64") {
      a.dtype = "float64";
    } else if (dtype == "F32") {
      a.dtype = "float32";
      is_float32 = true;
    } else {
      bad(w, "dtype " + dtype.get<std::string>() + " is not supported (F32 or F64)");
    }
    if (!shape.is_array()) bad(w, "shape is not an array");
    for (const auto& s : shape) {
      if (!s.is_number_integer() || s.get<std::int64_t>() < 0)
        bad(w, "shape is not an array of non-negative integers");
      a.shape.push_back(s.get<std::int64_t>());
    }
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
      bad(w, "data_offsets is not [begin, end]");
    const auto begin = offsets[0].get<std::uint64_t>(), end = offsets[1].get<std::uint64_t>();
    const std::size_t count = checked_size(a.shape, w);
    const std::size_t need = count * (is_float32 ? 4 : 8);
    if (end < begin || end - begin != need)
      bad(w, "data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) + "] do not hold shape " +
                 a.shape_text() + " of " + a.dtype + " (" + std::to_string(need) + " bytes)");
    if (end > data.size())
      bad(w, "truncated: its data ends at byte " + std::to_string(end) + ", the file has " +
                 std::to_string(data.size()) + " bytes of data");
    a.values = decode(data.substr(static_cast<std::size_t>(begin), need), count, is_float32);
    out.emplace(name, std::move(a));
  }
  return out;
}

ArrayMap parse_npz(std::string_view bytes, const std::string& what) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  std::unique_ptr<zip_t, ZipCloser> archive(source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr);
  if (!archive) {
    if (source) zip_source_free(source);
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    bad(what, "cannot read it as a .npz (zip) archive: " + message);
  }
  zip_error_fini(&error);
  ArrayMap out;
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE))
      bad(what, "cannot read the archive's entry " + std::to_string(i) + ": " + zip_strerror(archive.get()));
    std::string name = st.name;
    const std::string member = what + ": " + name;
    if (name.size() < 5 || name.substr(name.size() - 4) != ".npy")
      bad(member, "a .npz member that is not a .npy file");
    name.resize(name.size() - 4);
    if (st.size > kMaxMemberBytes) bad(member, "too large");
    std::unique_ptr<zip_file_t, ZipFileCloser> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) bad(member, std::string("cannot open it: ") + zip_strerror(archive.get()));
    // Read as the data comes, not by the size the archive declares: a corrupted (or hostile) header
    // that claims gigabytes costs nothing until the bytes are there.
    std::string data;
    char chunk[1 << 16];
    for (;;) {
      const zip_int64_t r = zip_fread(file.get(), chunk, sizeof chunk);
      if (r < 0) bad(member, std::string("cannot read it: ") + zip_file_strerror(file.get()));
      if (r == 0) break;
      data.append(chunk, static_cast<std::size_t>(r));
      if (data.size() > st.size) bad(member, "holds more bytes than the archive says (" + std::to_string(st.size) + ")");
    }
    if (data.size() != st.size)
      bad(member, "truncated: " + std::to_string(data.size()) + " of " + std::to_string(st.size) + " bytes");
    if (out.contains(name)) bad(member, "a second member of this name");
    out.emplace(name, parse_npy(data, member));
  }
  return out;
}

ArrayMap parse_weights(std::string_view bytes, const std::string& what, const std::string& npy_name) {
  if (bytes.size() >= 4 && bytes.compare(0, 2, "PK") == 0) return parse_npz(bytes, what);
  if (bytes.size() >= 6 && bytes.compare(0, 6, "\x93NUMPY") == 0) return {{npy_name, parse_npy(bytes, what)}};
  if (bytes.size() >= 9 && bytes[8] == '{') return parse_safetensors(bytes, what);
  if (bytes.empty()) bad(what, "the file is empty");
  bad(what, "neither a .npz/.npy file nor safetensors");
}

ArrayMap read_weights(const std::filesystem::path& path) {
  return parse_weights(read_input_file<ArrayFileError>(path), path.string(), path.stem().string());
}

}  // namespace ltv
