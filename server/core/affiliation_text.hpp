#pragma once
// The checks on a delegate's municipality and region (contract 7.1), wherever
// they come from: POST /api/v1/join, `veche token`, a portal's token.

#include "core/error_code.hpp"
#include "core/region_list.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace veche::core {

inline constexpr std::size_t org_chars = 200;
inline constexpr std::size_t region_chars = 200;

// Cleaned like typed text (trimmed, NFC, no control or invisible characters,
// one line), at most org_chars code points; "" when nothing is left.
std::variant<std::string, refusal> checked_org(std::string_view raw);

// Cleaned likewise and found in the list: the list's own spelling ("" when
// nothing is left). A name not on it is refused, unless the list is empty.
std::variant<std::string, refusal> checked_region(std::string_view raw, const region_list& regions);

}  // namespace veche::core
