#include "core/webvtt.hpp"

#include <algorithm>
#include <cstdio>

namespace veche::core {
namespace {

std::string timestamp(epoch_ms t) {
    const auto ms = std::max<epoch_ms>(0, t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms / 60'000 % 60), static_cast<long long>(ms / 1000 % 60),
                  static_cast<long long>(ms % 1000));
    return buf;
}

std::string escaped(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\n':
            case '\r': out += ' '; break;  // a blank line would end the cue
            default: out += c;
        }
    }
    return out;
}

// A cue lasts at least half a second, so a line sent without times still shows.
void append_cue(std::string& out, const transcript_segment& s, epoch_ms start, epoch_ms end) {
    out += '\n' + timestamp(start) + " --> " + timestamp(std::max(end, start + 500)) + '\n';
    if (s.speaker) out += "<v " + escaped(*s.speaker) + '>';
    out += escaped(s.text) + '\n';
}

}  // namespace

std::string transcript_webvtt(const std::vector<transcript_segment>& finals) {
    std::string out = "WEBVTT\n";
    if (finals.empty()) return out;
    const auto origin = finals.front().start_ms;
    for (const auto& s : finals) append_cue(out, s, s.start_ms - origin, s.end_ms - origin);
    return out;
}

std::string transcript_webvtt(const std::vector<transcript_segment>& finals, const replay_clock& clock) {
    std::string out = "WEBVTT\n";
    const auto length = clock.length();
    for (const auto& s : finals) {
        if (s.end_ms < clock.start()) continue;
        const auto start = clock.position(s.start_ms);
        if (!start) continue;
        append_cue(out, s, *start, clock.position(s.end_ms).value_or(length));
    }
    return out;
}

}  // namespace veche::core
