#pragma once
// Decompresses a gzip body as a browser would (zlib), for checking what the server compressed.

#include <optional>
#include <string>
#include <string_view>

namespace veche::test {

// Nothing when the bytes are not one whole gzip stream.
std::optional<std::string> gunzip(std::string_view bytes);

}  // namespace veche::test
