#pragma once
// The one place a request target is decoded (RFC 9112 origin-form, through
// Boost.URL). Each path segment is percent-decoded exactly once and checked;
// nothing downstream decodes again. A target that could only be meant to
// confuse a file or route lookup is refused here, for every route:
// absolute-form and "*", bad escapes, encoded '/' or '\', NUL and other
// control characters, invalid or overlong UTF-8, "." and ".." segments, and
// empty segments ("//") anywhere but at the end.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace veche::net {

class request_target {
public:
    // The decoded target, or why it is refused (a fixed text, never the input).
    static std::variant<request_target, std::string_view> parse(std::string_view target);

    // "/" or "/a/b" (a trailing "/" is kept); segments never contain '/'.
    const std::string& path() const { return path_; }
    // The decoded segments: "/" has none, "/a/" has "a" and "".
    const std::vector<std::string>& segments() const { return segments_; }
    // A query parameter, percent-decoded with '+' as a space; nothing when absent.
    std::optional<std::string> query_param(std::string_view name) const;
    // How many times the parameter is there (a route that takes it once refuses it twice).
    std::size_t query_count(std::string_view name) const;

private:
    std::string path_;
    std::vector<std::string> segments_;
    std::string query_;  // still encoded
};

}  // namespace veche::net
