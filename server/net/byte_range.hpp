#pragma once
// The one byte range of a "Range: bytes=…" header (RFC 9110 section 14).
// Several ranges are answered with the whole file, which the RFC allows and
// which keeps multipart bodies, and the work they can cost, out of the server.

#include <cstdint>
#include <string_view>
#include <variant>

namespace veche::net {

struct byte_range {
    std::uint64_t first = 0;
    std::uint64_t length = 0;
};
struct whole_file {};         // no range, an unusable one, or several: send everything (200)
struct unsatisfiable_range {};  // the range starts past the end: 416

std::variant<whole_file, byte_range, unsatisfiable_range> parse_byte_range(std::string_view header,
                                                                          std::uint64_t size);

}  // namespace veche::net
