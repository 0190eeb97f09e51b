#include "net/byte_range.hpp"

#include <charconv>
#include <optional>

namespace veche::net {
namespace {

std::optional<std::uint64_t> number(std::string_view s) {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace

std::variant<whole_file, byte_range, unsatisfiable_range> parse_byte_range(std::string_view header,
                                                                          std::uint64_t size) {
    constexpr std::string_view unit = "bytes=";
    // No white space inside a range (RFC 9110 section 14.1.1); Beast has cut it off the ends.
    if (!header.starts_with(unit)) return whole_file{};
    const auto spec = header.substr(unit.size());
    if (spec.find(',') != std::string_view::npos) return whole_file{};
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos) return whole_file{};
    const auto first_text = spec.substr(0, dash);
    const auto last_text = spec.substr(dash + 1);
    if (first_text.empty()) {
        // "-N": the last N bytes.
        const auto suffix = number(last_text);
        if (!suffix) return whole_file{};
        if (*suffix == 0 || size == 0) return unsatisfiable_range{};
        const auto n = *suffix < size ? *suffix : size;
        return byte_range{size - n, n};
    }
    const auto first = number(first_text);
    if (!first) return whole_file{};
    std::uint64_t last = size == 0 ? 0 : size - 1;
    if (!last_text.empty()) {
        const auto l = number(last_text);
        if (!l || *l < *first) return whole_file{};
        if (*l < last) last = *l;
    }
    if (*first >= size) return unsatisfiable_range{};
    return byte_range{*first, last - *first + 1};
}

}  // namespace veche::net
