#include "core/time_format.hpp"

#include <chrono>
#include <cstdio>

namespace veche::core {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

}  // namespace

std::optional<epoch_ms> parse_rfc3339(std::string_view s) {
    using namespace std::chrono;
    int y, mo, d, h, mi, sec;
    if (!read_digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !read_digits(s, 5, 2, mo) || s[7] != '-' ||
        !read_digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !read_digits(s, 11, 2, h) || s[13] != ':' ||
        !read_digits(s, 14, 2, mi) || s[16] != ':' || !read_digits(s, 17, 2, sec))
        return std::nullopt;
    if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;

    std::size_t pos = 19;
    epoch_ms fraction = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        epoch_ms scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            fraction += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) return std::nullopt;
    }
    if (pos >= s.size()) return std::nullopt;
    epoch_ms offset_minutes = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (!read_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset_minutes = (oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;

    const auto days = sys_days{ymd}.time_since_epoch().count();
    const epoch_ms seconds = static_cast<epoch_ms>(days) * 86400 + h * 3600 + mi * 60 + sec - offset_minutes * 60;
    return seconds * 1000 + fraction;
}

namespace {

std::string formatted(epoch_ms t, bool always_ms) {
    using namespace std::chrono;
    const sys_time<milliseconds> tp{milliseconds{t}};
    const auto day_point = floor<days>(tp);
    const year_month_day ymd{day_point};
    const hh_mm_ss hms{tp - day_point};
    char buf[40];
    const auto ms = hms.subseconds().count();
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld", static_cast<int>(ymd.year()),
                                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                                static_cast<long>(hms.seconds().count()));
    std::string out(buf, static_cast<std::size_t>(n));
    if (always_ms || ms != 0) {
        std::snprintf(buf, sizeof buf, ".%03ld", static_cast<long>(ms));
        out += buf;
    }
    out += 'Z';
    return out;
}

}  // namespace

std::string format_rfc3339(epoch_ms t) { return formatted(t, false); }

std::string format_rfc3339_ms(epoch_ms t) { return formatted(t, true); }

}  // namespace veche::core
