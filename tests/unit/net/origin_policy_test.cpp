#include "net/origin_policy.hpp"

#include <catch2/catch.hpp>

using veche::net::origin_policy;

TEST_CASE("origins are allowed when absent, listed or the server's own with self") {
    const origin_policy listed({"https://forum.example.ru"});
    CHECK(listed.allows("", "anything", "http"));
    CHECK(listed.allows("https://forum.example.ru", "forum.example.ru", "http"));
    CHECK(listed.allows("HTTPS://FORUM.EXAMPLE.RU", "x", "http"));
    CHECK_FALSE(listed.allows("https://evil.example", "forum.example.ru", "https"));
    CHECK_FALSE(listed.allows("http://127.0.0.1:8080", "127.0.0.1:8080", "http"));

    const origin_policy self({"self"});
    CHECK(self.allows("http://127.0.0.1:8080", "127.0.0.1:8080", "http"));
    CHECK_FALSE(self.allows("http://127.0.0.1:9090", "127.0.0.1:8080", "http"));
    CHECK_FALSE(self.allows("null", "127.0.0.1:8080", "http"));
    CHECK_FALSE(self.lists("http://127.0.0.1:8080"));
}

TEST_CASE("self is the scheme the browser used as well as the host") {
    const origin_policy self({"self"});
    // Behind a TLS proxy the page is https (X-Forwarded-Proto from a trusted peer).
    CHECK(self.allows("https://forum.example.ru", "forum.example.ru", "https"));
    CHECK(self.allows("https://localhost:8443", "localhost:8443", "https"));
    // A plain-http page of the same host is another origin.
    CHECK_FALSE(self.allows("http://forum.example.ru", "forum.example.ru", "https"));
    CHECK_FALSE(self.allows("https://forum.example.ru", "forum.example.ru", "http"));
}
