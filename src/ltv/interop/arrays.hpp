#pragma once
// Arrays of weights written by other programs: NumPy's .npy and .npz (a zip archive of .npy files,
// read with libzip) and safetensors (an 8-byte little-endian header length, a JSON header, then
// the raw little-endian data). Only float32 and float64 are accepted; every value is returned as a
// double (float32 converts exactly). Every malformed or truncated file throws ArrayFileError naming
// the file, the array and what does not match.
//
// .npy (NumPy's format, versions 1-3): "\x93NUMPY", major, minor, the header length (2 bytes in
// version 1, 4 bytes after), the header — a Python dict literal {'descr': '<f8', 'fortran_order':
// False, 'shape': (2, 3), } — then the data, C order unless fortran_order.
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ltv {

/// Bad input: the caller maps it to exit status 2 (CLI) or ValueError (Python).
struct ArrayFileError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// One array: its element type as read ("float32" or "float64"), its shape, and its values in C
/// (row-major) order.
struct NamedArray {
  std::string dtype = "float64";
  std::vector<std::int64_t> shape;
  std::vector<double> values;

  std::size_t size() const;  ///< the product of the shape (1 for a scalar)
  /// "(3, 2, 6, 6)"
  std::string shape_text() const;
};

using ArrayMap = std::map<std::string, NamedArray>;

/// One .npy image; `what` names it in errors.
NamedArray parse_npy(std::string_view bytes, const std::string& what);
/// One safetensors image.
ArrayMap parse_safetensors(std::string_view bytes, const std::string& what);

/// A .npz archive's image (each member "<name>.npy" becomes the array "<name>").
ArrayMap parse_npz(std::string_view bytes, const std::string& what);
/// By the content: a zip archive (.npz), a .npy image (one array, named `npy_name`) or safetensors;
/// throws ArrayFileError when it is none of them.
ArrayMap parse_weights(std::string_view bytes, const std::string& what, const std::string& npy_name);
/// parse_weights of a file's content (a .npy file's array is named after the file's stem).
ArrayMap read_weights(const std::filesystem::path& path);

}  // namespace ltv
