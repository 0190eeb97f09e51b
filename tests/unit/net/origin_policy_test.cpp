#include "net/origin_policy.hpp"

#include <catch2/catch.hpp>

using veche::net::origin_policy;

TEST_CASE("origins are allowed when absent, listed or the server's own with self") {
    const origin_policy listed({"https://forum.example.ru"});
    CHECK(listed.allows("", "anything"));
    CHECK(listed.allows("https://forum.example.ru", "forum.example.ru"));
    CHECK(listed.allows("HTTPS://FORUM.EXAMPLE.RU", "x"));
    CHECK_FALSE(listed.allows("https://evil.example", "forum.example.ru"));
    CHECK_FALSE(listed.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));

    const origin_policy self({"self"});
    CHECK(self.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
    CHECK_FALSE(self.allows("http://127.0.0.1:9090", "127.0.0.1:8080"));
    CHECK_FALSE(self.allows("null", "127.0.0.1:8080"));
    CHECK_FALSE(self.lists("http://127.0.0.1:8080"));
}
