#include "frame_scanner.hpp"

#include <charconv>

namespace veche::bench {
namespace {

// A forward-only reader over JSON text: just enough to walk objects and
// arrays, keep the values asked for and step over everything else.
class cursor {
public:
    explicit cursor(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool at_end() {
        space();
        return p_ == end_;
    }
    bool take(char c) {
        space();
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    bool peek(char c) {
        space();
        return p_ != end_ && *p_ == c;
    }
    bool string(std::string_view& out) {
        if (!take('"')) return false;
        const char* start = p_;
        while (p_ != end_ && *p_ != '"') p_ += (*p_ == '\\' && p_ + 1 != end_) ? 2 : 1;
        if (p_ == end_) return false;
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
    }
    // Steps over one value of any type; `raw` gets its text.
    bool skip(std::string_view* raw = nullptr) {
        space();
        const char* start = p_;
        if (p_ == end_) return false;
        bool ok = true;
        if (*p_ == '"') {
            std::string_view s;
            ok = string(s);
        } else if (*p_ == '{' || *p_ == '[') {
            ok = skip_nested();
        } else {
            while (p_ != end_ && *p_ != ',' && *p_ != '}' && *p_ != ']' && *p_ != ' ' && *p_ != '\n') ++p_;
            ok = p_ != start;
        }
        if (raw) *raw = std::string_view(start, static_cast<std::size_t>(p_ - start));
        return ok;
    }

private:
    void space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool skip_nested() {
        int depth = 0;
        while (p_ != end_) {
            const char c = *p_;
            if (c == '"') {
                std::string_view s;
                if (!string(s)) return false;
                continue;
            }
            ++p_;
            if (c == '{' || c == '[') ++depth;
            else if ((c == '}' || c == ']') && --depth == 0) return true;
        }
        return false;
    }

    const char* p_;
    const char* end_;
};

template <class F>
bool members(cursor& c, F&& member) {
    if (!c.take('{')) return false;
    if (c.take('}')) return true;
    do {
        std::string_view key;
        if (!c.string(key) || !c.take(':') || !member(key)) return false;
    } while (c.take(','));
    return c.take('}');
}

bool string_or_skip(cursor& c, std::string_view& out) { return c.peek('"') ? c.string(out) : c.skip(); }
bool integer_or_skip(cursor& c, std::int64_t& out) {
    std::string_view raw;
    if (!c.skip(&raw)) return false;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (ec == std::errc{} && end == raw.data() + raw.size()) out = v;  // null, strings, fractions: not kept
    return true;
}

bool data(cursor& c, frame_item& item) {
    if (!c.peek('{')) return c.skip();
    return members(c, [&](std::string_view key) {
        if (key == "id") return string_or_skip(c, item.id);
        if (key == "state") return string_or_skip(c, item.state);
        if (key == "counts") return c.skip(&item.counts);
        return c.skip();
    });
}

bool message(cursor& c, frame_item& item, std::vector<frame_item>* batch_out) {
    return members(c, [&](std::string_view key) {
        if (key == "type") return string_or_skip(c, item.type);
        if (key == "kind") return string_or_skip(c, item.kind);
        if (key == "rid") return string_or_skip(c, item.rid);
        if (key == "code") return string_or_skip(c, item.code);
        if (key == "id") return string_or_skip(c, item.id);
        if (key == "at_ms") return integer_or_skip(c, item.at_ms);
        if (key == "votes") return integer_or_skip(c, item.votes);
        if (key == "t_us") return integer_or_skip(c, item.t_us);
        if (key == "n") return integer_or_skip(c, item.n);
        if (key == "q") return integer_or_skip(c, item.q);
        if (key == "v") return integer_or_skip(c, item.v);
        if (key == "data") return data(c, item);
        if (key == "items" && batch_out && c.peek('[')) {
            c.take('[');
            if (c.take(']')) return true;
            do {
                frame_item inner;
                if (!message(c, inner, nullptr)) return false;
                batch_out->push_back(inner);
            } while (c.take(','));
            return c.take(']');
        }
        return c.skip();
    });
}

}  // namespace

bool scan_frame(std::string_view text, std::vector<frame_item>& out) {
    out.clear();
    cursor c(text);
    frame_item top;
    if (!message(c, top, &out) || !c.at_end()) return false;
    if (top.type != "batch") out.push_back(top);
    return true;
}

namespace detail {

bool next_count(std::string_view counts, std::size_t& at, std::string_view& key, std::int64_t& value, bool& done) {
    // Walks the object by hand: `at` is where the previous member ended.
    const auto skip_space = [&] {
        while (at < counts.size() && (counts[at] == ' ' || counts[at] == '\n')) ++at;
    };
    skip_space();
    if (at == 0) {
        if (counts.empty() || counts[0] != '{') return false;
        ++at;
        skip_space();
    } else if (at < counts.size() && counts[at] == ',') {
        ++at;
        skip_space();
    }
    if (at < counts.size() && counts[at] == '}') {
        done = true;
        return true;
    }
    if (at >= counts.size() || counts[at] != '"') return false;
    const auto close = counts.find('"', at + 1);
    if (close == std::string_view::npos) return false;
    key = counts.substr(at + 1, close - at - 1);
    at = close + 1;
    skip_space();
    if (at >= counts.size() || counts[at] != ':') return false;
    ++at;
    skip_space();
    bool negative = false;
    if (at < counts.size() && counts[at] == '-') {
        negative = true;
        ++at;
    }
    if (at >= counts.size() || counts[at] < '0' || counts[at] > '9') return false;
    std::int64_t v = 0;
    while (at < counts.size() && counts[at] >= '0' && counts[at] <= '9') v = v * 10 + (counts[at++] - '0');
    value = negative ? -v : v;
    skip_space();
    return true;
}

}  // namespace detail
}  // namespace veche::bench
