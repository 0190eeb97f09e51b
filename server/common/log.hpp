#pragma once
// One line per event on stdout. Lines never carry tokens or user-written text:
// callers pass ids, counts and codes only.

#include <sstream>
#include <string_view>

namespace veche::log {

enum class level { debug, info, warning, error };

void set_min_level(level min);
bool enabled(level l);
void write_line(level l, std::string_view text);

template <typename... Parts>
void emit(level l, const Parts&... parts) {
    if (!enabled(l)) return;
    std::ostringstream out;
    (out << ... << parts);
    write_line(l, out.str());
}

template <typename... Parts> void debug(const Parts&... p) { emit(level::debug, p...); }
template <typename... Parts> void info(const Parts&... p) { emit(level::info, p...); }
template <typename... Parts> void warn(const Parts&... p) { emit(level::warning, p...); }
template <typename... Parts> void error(const Parts&... p) { emit(level::error, p...); }

}  // namespace veche::log
