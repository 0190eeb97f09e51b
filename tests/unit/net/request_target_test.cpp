#include "net/request_target.hpp"

#include <catch2/catch.hpp>

using namespace veche::net;

namespace {

std::optional<request_target> parse(std::string_view target) {
    auto r = request_target::parse(target);
    if (auto* t = std::get_if<request_target>(&r)) return std::move(*t);
    return std::nullopt;
}

}  // namespace

TEST_CASE("a target is decoded once into a path and its segments") {
    auto t = parse("/api/v1/sessions/s%201");
    REQUIRE(t);
    CHECK(t->path() == "/api/v1/sessions/s 1");
    CHECK(t->segments() == std::vector<std::string>{"api", "v1", "sessions", "s 1"});
    CHECK(parse("/%D0%B7%D0%B0%D0%BB")->path() == "/зал");
    CHECK(parse("/")->segments().empty());
    CHECK(parse("/")->path() == "/");
    CHECK(parse("/moderator/")->segments() == std::vector<std::string>{"moderator", ""});
    // Decoded once: an encoded percent stays a percent.
    CHECK(parse("/a%252e%252e")->path() == "/a%2e%2e");
}

TEST_CASE("targets that could only confuse a lookup are refused") {
    for (const auto* target :
         {"//etc/passwd", "///etc/passwd", "/a//b", "/.", "/..", "/./index.html", "/.//etc/passwd", "/a/../b", "/a/./b", "/%2e%2e", "/%2E%2e/x",
          "/.%2e/x", "/a%2Fb", "/a%2fb", "/a%5Cb", "/a%5cb", "/a%00b", "/a%0ab", "/a%0d%0ab", "/a%7f",
          "/%c0%ae%c0%ae/x", "/%c0%af", "/%e0%80%af", "/%ed%a0%80", "/%f4%90%80%80", "/%ff", "/%D0", "/bad%zz",
          "/a%2", "/a%", "http://host/x", "//host", "*", "", "x", "/a b", "/a\\b", "/\xd0\xb7"}) {
        INFO(target);
        CHECK_FALSE(parse(target));
    }
}

TEST_CASE("query parameters are found and decoded") {
    CHECK(parse("/x?session=s1&x=2")->query_param("session") == "s1");
    CHECK(parse("/x?a=1&session=%D0%B7+1")->query_param("session") == "з 1");
    CHECK(parse("/x?flag&b=1")->query_param("flag") == "");
    CHECK_FALSE(parse("/x?a=1")->query_param("session"));
    CHECK_FALSE(parse("/x")->query_param("session"));
    CHECK(parse("/x?clock=program&a=1&%63lock=wall")->query_count("clock") == 2);
    CHECK(parse("/x?clock=program")->query_count("clock") == 1);
    CHECK(parse("/x")->query_count("clock") == 0);
}
