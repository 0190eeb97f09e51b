#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace veche::net {

// Percent-decodes a URL path. Refuses malformed escapes and encoded NUL or '/'.
std::optional<std::string> decode_path(std::string_view raw);

// The value of one query parameter ("a=1&b=2"), percent- and '+'-decoded; nothing when absent.
std::optional<std::string> query_param(std::string_view query, std::string_view name);

}  // namespace veche::net
