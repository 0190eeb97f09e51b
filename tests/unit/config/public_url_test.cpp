#include "config/public_url.hpp"

#include <catch2/catch.hpp>

using veche::config::parse_public_url;

TEST_CASE("public_url is an origin, spelled as browsers spell it") {
    CHECK(parse_public_url("https://forum.example.ru") == "https://forum.example.ru");
    CHECK(parse_public_url("https://forum.example.ru/") == "https://forum.example.ru");
    CHECK(parse_public_url("HTTPS://Forum.Example.RU") == "https://forum.example.ru");
    CHECK(parse_public_url("https://forum.example.ru:443") == "https://forum.example.ru");
    CHECK(parse_public_url("http://forum.example.ru:80") == "http://forum.example.ru");
    CHECK(parse_public_url("https://localhost:8443") == "https://localhost:8443");
    CHECK(parse_public_url("http://192.0.2.7:8080") == "http://192.0.2.7:8080");
    CHECK(parse_public_url("https://[2001:db8::1]:8443") == "https://[2001:db8::1]:8443");
}

TEST_CASE("public_url: what is refused") {
    for (const auto* bad : {"", "forum.example.ru", "ftp://forum.example.ru", "https://", "https://forum.example.ru/join",
                            "https://forum.example.ru?x=1", "https://forum.example.ru#top", "https://user@forum.example.ru",
                            "https://forum.example.ru:0", "https://forum.example.ru:65536", "https://forum.example.ru:",
                            "https://forum.example.ru:8o", "https://[2001:db8::1", "https://[nonsense]", "https://fo rum.ru",
                            "javascript://x", "https://-x.ru", "https://forum.example.ru//"}) {
        INFO(bad);
        CHECK_FALSE(parse_public_url(bad));
    }
}
