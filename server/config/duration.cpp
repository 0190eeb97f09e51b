#include "config/duration.hpp"

#include <charconv>
#include <cstdint>

namespace veche::config {

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    std::int64_t n = 0;
    const auto digits = text.substr(0, text.size() - 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc{} || end != digits.data() + digits.size() || n <= 0) return std::nullopt;
    std::int64_t unit = 0;
    switch (text.back()) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        default: return std::nullopt;
    }
    constexpr std::int64_t ten_years = 10LL * 366 * 86400;
    if (n > ten_years / unit) return std::nullopt;
    return std::chrono::seconds{n * unit};
}

}  // namespace veche::config
